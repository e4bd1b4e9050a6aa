package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reportviewer.proto.ReportChunk;
import org.reportviewer.testing.RecordingListener;

/**
 * A server that sends every gRPC message as a DATA frame of its own, all in one write, as grpc-go
 * does: the client (whose plaintext connections join such frames, {@link DataFrameCoalescer})
 * receives every chunk, in order, byte for byte.
 */
class FramePerMessageServerTest {

    private static final int CHUNKS = 3000;
    private static final int CHUNK_BYTES = 100;

    @Test
    void everyChunkArrivesInOrderByteForByte() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> serve(server, expected), "frame-per-message-server");
            serving.setDaemon(true);
            serving.start();
            ManagedChannel channel = ConnectionSpec.plaintext(new Target("127.0.0.1", server.getLocalPort()))
                    .openChannel(true);
            try {
                RecordingListener listener = new RecordingListener();
                StreamResult result = new ReportClient(channel).fetch(FetchRequest.of("x"), listener).result()
                        .get(30, TimeUnit.SECONDS);

                assertThat(result.status().isOk()).as("status %s", result.status()).isTrue();
                assertThat(listener.chunkNumbers).hasSize(CHUNKS);
                assertThat(listener.bytes()).isEqualTo(expected.toByteArray());
            } finally {
                Channels.shutdown(channel);
            }
        }
    }

    /** Speaks just enough HTTP/2 for one call: SETTINGS, their acks, the response, its trailers. */
    private static void serve(ServerSocket server, ByteArrayOutputStream expected) {
        try (Socket socket = server.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            in.readFully(new byte[24]); // the client's preface
            out.write(frame(0x4, 0, 0, new byte[0]));
            while (true) {
                int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fff_ffff;
                in.readFully(new byte[length]);
                if (type == 0x4 && (flags & 0x1) == 0) {
                    out.write(frame(0x4, 0x1, 0, new byte[0])); // SETTINGS ack
                } else if (type == 0x1) {
                    out.write(response(stream, expected));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client has gone: the test is over
        }
    }

    private static byte[] response(int stream, ByteArrayOutputStream expected) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(headers(stream, new DefaultHttp2Headers().status("200").set("content-type", "application/grpc"), 0x4));
        for (int i = 0; i < CHUNKS; i++) {
            byte[] data = new byte[CHUNK_BYTES];
            for (int j = 0; j < data.length; j++) {
                data[j] = (byte) (i * 7 + j);
            }
            expected.write(data);
            byte[] message = ReportChunk.newBuilder().setChunkNumber(i).setData(ByteString.copyFrom(data)).build()
                    .toByteArray();
            ByteBuf grpc = Unpooled.buffer().writeByte(0).writeInt(message.length).writeBytes(message);
            all.write(frame(0x0, 0, stream, bytes(grpc)));
        }
        all.write(headers(stream, new DefaultHttp2Headers().set("grpc-status", "0"), 0x5));
        return all.toByteArray();
    }

    private static byte[] headers(int stream, Http2Headers headers, int flags) throws IOException {
        ByteBuf block = Unpooled.buffer();
        try {
            new DefaultHttp2HeadersEncoder().encodeHeaders(stream, headers, block);
        } catch (Exception e) {
            throw new IOException(e);
        }
        return frame(0x1, flags, stream, bytes(block));
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        return bytes(Unpooled.buffer().writeMedium(payload.length).writeByte(type).writeByte(flags).writeInt(stream)
                .writeBytes(payload));
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }
}
