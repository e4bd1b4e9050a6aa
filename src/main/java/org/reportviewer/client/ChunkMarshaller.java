package org.reportviewer.client;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import java.io.IOException;
import java.io.InputStream;
import org.reportviewer.proto.ReportChunk;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.proto.ReportServiceGrpc;

/**
 * Parses a {@link ReportChunk} with one copy of its payload instead of two. gRPC's own protobuf
 * marshaller reads each message into a reused per-thread array and then copies the {@code data}
 * field out of it into a new {@code ByteString}; here each message is read into an array of its own,
 * and {@code data} is a view of that array (protobuf's aliasing). The array belongs to the message
 * alone and is never written again, so the view is as safe to keep as a copy.
 */
final class ChunkMarshaller implements MethodDescriptor.Marshaller<ReportChunk> {

    private static final MethodDescriptor.Marshaller<ReportChunk> PROTO =
            ProtoUtils.marshaller(ReportChunk.getDefaultInstance());

    /** GenerateReport as the generated stub has it, with this marshaller for the chunks. */
    static final MethodDescriptor<ReportRequest, ReportChunk> GENERATE_REPORT = ReportServiceGrpc
            .getGenerateReportMethod()
            .toBuilder(ProtoUtils.marshaller(ReportRequest.getDefaultInstance()), new ChunkMarshaller())
            .build();

    @Override
    public InputStream stream(ReportChunk value) {
        return PROTO.stream(value);
    }

    @Override
    public ReportChunk parse(InputStream stream) {
        try {
            byte[] message;
            if (stream instanceof KnownLength) {
                message = new byte[stream.available()];
                int n = 0;
                while (n < message.length) {
                    int r = stream.read(message, n, message.length - n);
                    if (r < 0) {
                        throw new IOException("message ended after " + n + " of " + message.length + " bytes");
                    }
                    n += r;
                }
            } else {
                message = stream.readAllBytes();
            }
            return parse(message);
        } catch (IOException e) {
            throw Status.INTERNAL.withDescription("Invalid protobuf byte sequence").withCause(e).asRuntimeException();
        }
    }

    /** Parses {@code message}, which the result then owns: {@code data} is a view of it, not a copy. */
    static ReportChunk parse(byte[] message) throws IOException {
        ReportChunk chunk = parseCanonical(message);
        if (chunk != null) {
            return chunk;
        }
        CodedInputStream in = UnsafeByteOperations.unsafeWrap(message).newCodedInput();
        in.enableAliasing(true);
        in.setSizeLimit(Integer.MAX_VALUE); // gRPC has already enforced the channel's message size limit
        return ReportChunk.parseFrom(in);
    }

    /**
     * The chunk when {@code message} has the shape servers write: {@code data}, {@code chunk_number},
     * {@code total_chunks}, each absent or once, in that order, and nothing else; otherwise null and
     * the generated parser decides, so unknown fields, repeats, other orders and malformed input keep
     * protobuf's own result or error. It spares the small chunk the generated parser's input stream
     * and tag loop, a third of our per-message parse (BENCHMARKS.md, "the chunk's parse").
     */
    static ReportChunk parseCanonical(byte[] message) {
        int end = message.length;
        int pos = 0;
        ReportChunk.Builder chunk = ReportChunk.newBuilder();
        if (pos < end && message[pos] == 0x0A) {
            long v = varint(message, pos + 1);
            int length = (int) v;
            pos += 1 + (int) (v >>> 32);
            if (v < 0 || length < 0 || length > end - pos) {
                return null;
            }
            chunk.setData(UnsafeByteOperations.unsafeWrap(message, pos, length));
            pos += length;
        }
        if (pos < end && message[pos] == 0x10) {
            long v = varint(message, pos + 1);
            if (v < 0) {
                return null;
            }
            chunk.setChunkNumber((int) v);
            pos += 1 + (int) (v >>> 32);
        }
        if (pos < end && message[pos] == 0x18) {
            long v = varint(message, pos + 1);
            if (v < 0) {
                return null;
            }
            chunk.setTotalChunks((int) v);
            pos += 1 + (int) (v >>> 32);
        }
        return pos == end ? chunk.build() : null;
    }

    /**
     * The varint at {@code pos}: its low 32 bits (what protobuf keeps of an int32 or a length) in
     * the low half, its size in bytes in the high half; -1 when it runs past the end or past the
     * 10 bytes protobuf allows. No object per call: the CLI's C1 does not remove allocations.
     */
    private static long varint(byte[] message, int pos) {
        long value = 0;
        for (int i = 0; i < 10 && pos + i < message.length; i++) {
            byte b = message[pos + i];
            if (i < 5) {
                value |= (long) (b & 0x7F) << (7 * i);
            }
            if (b >= 0) {
                return ((long) (i + 1) << 32) | (value & 0xFFFF_FFFFL);
            }
        }
        return -1;
    }
}
