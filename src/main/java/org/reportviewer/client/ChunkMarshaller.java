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
        CodedInputStream in = UnsafeByteOperations.unsafeWrap(message).newCodedInput();
        in.enableAliasing(true);
        in.setSizeLimit(Integer.MAX_VALUE); // gRPC has already enforced the channel's message size limit
        return ReportChunk.parseFrom(in);
    }
}
