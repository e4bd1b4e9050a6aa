package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The coalescer joins DATA frames of one stream as they arrive in one read, and changes nothing else:
 * what the HTTP/2 handler after it reads is checked byte for byte.
 */
class DataFrameCoalescerTest {

    private static final int DATA = 0x0;
    private static final int HEADERS = 0x1;
    private static final int SETTINGS = 0x4;
    private static final int END_STREAM = 0x1;
    private static final int PADDED = 0x8;

    @Test
    void joinsARunOfDataFramesOfOneStreamIntoOneFrameKeepingEndStream() {
        byte[] settings = frame(SETTINGS, 0, 0, new byte[6]);
        byte[] in = concat(settings, frame(DATA, 0, 3, bytes(105, 1)), frame(DATA, 0, 3, bytes(105, 2)),
                frame(DATA, END_STREAM, 3, bytes(7, 3)));

        assertThat(passedOn(in)).isEqualTo(
                concat(settings, frame(DATA, END_STREAM, 3, concat(bytes(105, 1), bytes(105, 2), bytes(7, 3)))));
    }

    @Test
    void joinsOnlyUnpaddedDataFramesOfTheSameStreamAndNotPastEndStream() {
        byte[] headers = frame(HEADERS, 0x4, 3, bytes(10, 9));
        byte[] padded = frame(DATA, PADDED, 3, concat(new byte[] {2}, bytes(5, 8), new byte[2]));
        byte[] in = concat(frame(DATA, 0, 3, bytes(3, 1)), frame(DATA, 0, 3, bytes(3, 2)), frame(DATA, 0, 5, bytes(3, 3)),
                frame(DATA, 0, 3, bytes(3, 4)), padded, frame(DATA, 0, 3, bytes(3, 5)), headers,
                frame(DATA, END_STREAM, 3, bytes(3, 6)), frame(DATA, 0, 3, bytes(3, 7)));

        assertThat(passedOn(in)).isEqualTo(concat(frame(DATA, 0, 3, concat(bytes(3, 1), bytes(3, 2))),
                frame(DATA, 0, 5, bytes(3, 3)), frame(DATA, 0, 3, bytes(3, 4)), padded, frame(DATA, 0, 3, bytes(3, 5)),
                headers, frame(DATA, END_STREAM, 3, bytes(3, 6)), frame(DATA, 0, 3, bytes(3, 7))));
    }

    @Test
    void neverMakesAFrameLargerThanTheDefaultMaximum() {
        byte[] in = concat(frame(DATA, 0, 3, bytes(6000, 1)), frame(DATA, 0, 3, bytes(6000, 2)),
                frame(DATA, 0, 3, bytes(6000, 3)), frame(DATA, 0, 3, bytes(4384, 4)));

        assertThat(passedOn(in)).isEqualTo(concat(frame(DATA, 0, 3, concat(bytes(6000, 1), bytes(6000, 2))),
                frame(DATA, 0, 3, concat(bytes(6000, 3), bytes(4384, 4)))));
    }

    @Test
    void passesWholeFramesAtOnceAndAFrameSplitAcrossReadsWhenItsRestArrives() {
        byte[] third = frame(DATA, 0, 3, bytes(50, 3));
        EmbeddedChannel channel = new EmbeddedChannel(new DataFrameCoalescer());

        channel.writeInbound(Unpooled.wrappedBuffer(concat(frame(DATA, 0, 3, bytes(50, 1)), frame(DATA, 0, 3, bytes(50, 2)),
                Arrays.copyOf(third, 4))));
        assertThat(drain(channel)).isEqualTo(frame(DATA, 0, 3, concat(bytes(50, 1), bytes(50, 2))));

        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(third, 4, 20)));
        assertThat(drain(channel)).isEmpty();
        channel.writeInbound(Unpooled.wrappedBuffer(concat(Arrays.copyOfRange(third, 20, third.length),
                frame(DATA, END_STREAM, 3, bytes(50, 4)))));
        assertThat(drain(channel)).isEqualTo(frame(DATA, END_STREAM, 3, concat(bytes(50, 3), bytes(50, 4))));
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void stepsAsideAtAFrameLargerThanTheDefaultMaximumSoTheHttp2HandlerRejectsItAtOnce() {
        byte[] first = frame(DATA, 0, 3, bytes(10, 1));
        byte[] oversized = Arrays.copyOf(frame(DATA, 0, 3, bytes(20_000, 2)), 100); // only its start has come
        EmbeddedChannel channel = new EmbeddedChannel(new DataFrameCoalescer());

        channel.writeInbound(Unpooled.wrappedBuffer(concat(first, oversized)));

        assertThat(drain(channel)).isEqualTo(concat(first, oversized));
        assertThat(channel.pipeline().get(DataFrameCoalescer.class)).isNull();
        channel.finishAndReleaseAll();
    }

    private static byte[] passedOn(byte[] in) {
        EmbeddedChannel channel = new EmbeddedChannel(new DataFrameCoalescer());
        channel.writeInbound(Unpooled.wrappedBuffer(in));
        byte[] out = drain(channel);
        assertThat(channel.finishAndReleaseAll()).isFalse();
        return out;
    }

    private static byte[] drain(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b = channel.readInbound(); b != null; b = channel.readInbound()) {
            byte[] chunk = new byte[b.readableBytes()];
            b.readBytes(chunk);
            b.release();
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        ByteBuf b = Unpooled.buffer();
        b.writeMedium(payload.length).writeByte(type).writeByte(flags).writeInt(stream).writeBytes(payload);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
