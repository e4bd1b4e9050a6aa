package org.reportviewer.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import com.google.rpc.BadRequest;
import com.google.rpc.DebugInfo;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Help;
import com.google.rpc.LocalizedMessage;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RequestInfo;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;

/**
 * The rich error model: a server may put a {@code google.rpc.Status} in the
 * {@code grpc-status-details-bin} trailer, with typed details (why, which field, when to retry).
 * grpc-protobuf's {@link StatusProto} decodes it; this turns each detail into one readable line.
 */
public final class ErrorDetails {

    /** The standard detail types of {@code google/rpc/error_details.proto}. */
    private static final List<Class<? extends Message>> KNOWN = List.of(ErrorInfo.class, BadRequest.class,
            PreconditionFailure.class, QuotaFailure.class, ResourceInfo.class, RetryInfo.class, RequestInfo.class,
            Help.class, LocalizedMessage.class, DebugInfo.class);
    /** Text format on one line; messages in other languages (LocalizedMessage) stay readable. */
    private static final TextFormat.Printer ONE_LINE = TextFormat.printer().emittingSingleLine(true)
            .escapingNonAscii(false);

    private ErrorDetails() {}

    /**
     * One line per detail, e.g. {@code ErrorInfo reason: "NO_SUCH_REPORT" domain: "reports.example"};
     * an unknown type shows its type URL and size. Empty when the trailers carry no details (or they
     * do not decode: a detail is extra information, never a reason to fail the call).
     */
    public static List<String> describe(Status status, Metadata trailers) {
        if (trailers == null) {
            return List.of();
        }
        com.google.rpc.Status rich;
        try {
            rich = StatusProto.fromStatusAndTrailers(status, trailers);
        } catch (RuntimeException e) {
            return List.of("(undecodable grpc-status-details-bin: " + e.getMessage() + ")");
        }
        if (rich == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (Any any : rich.getDetailsList()) {
            lines.add(describe(any));
        }
        return lines;
    }

    static String describe(Any any) {
        for (Class<? extends Message> type : KNOWN) {
            if (any.is(type)) {
                try {
                    // Text format writes ' as \' inside "…": noise in a sentence such as "unknown region 'X'".
                    return type.getSimpleName() + " " + ONE_LINE.printToString(any.unpack(type)).strip()
                            .replace("\\'", "'");
                } catch (InvalidProtocolBufferException e) {
                    break;
                }
            }
        }
        return any.getTypeUrl() + " (" + any.getValue().size() + " bytes)";
    }
}
