package org.reportviewer.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NewlinesTest {

    private static int naive(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Test
    void agreesWithANaiveScanOnTrickyBytes() {
        // Bytes next to '\n' in value (0x0B, 0x8A, 0x09, 0x00) are the classic false-positive traps.
        byte[] alphabet = {'\n', 0x0B, (byte) 0x8A, 0x09, 0x00, 'a', (byte) 0xFF, (byte) 0x80, (byte) (0x0A ^ 0x80)};
        Random rnd = new Random(21);
        ByteBuffer direct = ByteBuffer.allocateDirect(64).order(ByteOrder.LITTLE_ENDIAN);
        // The spool's heap buffer is scanned as its array; a slice starts inside it (arrayOffset 3).
        byte[] backing = new byte[67];
        ByteBuffer heap = ByteBuffer.wrap(backing, 3, 64).slice().order(ByteOrder.LITTLE_ENDIAN);
        for (int round = 0; round < 20_000; round++) {
            backing[0] = backing[1] = backing[2] = '\n'; // before the slice: never a match
            byte[] b = new byte[1 + rnd.nextInt(40)];
            int density = 1 + rnd.nextInt(30);
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextInt(density) == 0 ? (byte) '\n' : alphabet[1 + rnd.nextInt(alphabet.length - 1)];
            }
            int from = rnd.nextInt(b.length);
            int to = from + rnd.nextInt(b.length - from + 1);
            direct.clear();
            direct.put(b);
            assertThat(Newlines.indexOf(b, from, to)).isEqualTo(naive(b, from, to));
            assertThat(Newlines.indexOf(direct, from, to)).isEqualTo(naive(b, from, to));
            heap.clear();
            heap.put(b);
            assertThat(Newlines.indexOf(heap, from, to)).as("heap buffer").isEqualTo(naive(b, from, to));
        }
    }
}
