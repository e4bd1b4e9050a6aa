package org.reportviewer.ui;

import io.grpc.Status;
import java.time.Duration;
import org.reportviewer.client.BearerToken;
import org.reportviewer.format.Units;

/** gRPC outcomes and figures in words a person understands. */
public final class StatusTexts {

    /** What to do about UNAUTHENTICATED, shown in the tab and the catalog status. */
    public static final String WANTS_TOKEN = "the server wants a token: enter it under Connection… and connect again";

    private StatusTexts() {}

    /**
     * One sentence on how a stream ended.
     *
     * @param target where the call went, e.g. {@code 127.0.0.1:50051}
     * @param chunks chunks that arrived before the end
     * @param deadline the call's deadline, or {@code null}
     */
    public static String explain(Status status, String reportId, String target, long chunks, Duration deadline) {
        String kept = chunks == 1 ? " The 1 chunk that arrived is kept."
                : chunks > 1 ? " The " + chunks + " chunks that arrived are kept." : "";
        String said = status.getDescription() == null || status.getDescription().isBlank() ? ""
                : " (server: " + status.getDescription() + ")";
        return switch (status.getCode()) {
            case OK -> "OK: the whole report arrived.";
            case CANCELLED -> "CANCELLED: the stream was stopped before the end; the server was told to stop." + kept;
            case DEADLINE_EXCEEDED -> "DEADLINE_EXCEEDED: the report did not finish within "
                    + (deadline == null ? "the deadline" : duration(deadline)) + "." + kept;
            // gRPC's keepalive gave up on a silent connection: the server was reachable, so say what did happen.
            case UNAVAILABLE -> silent(status) ? "UNAVAILABLE: the server at " + target + " stopped answering (no "
                    + "reply to keepalive pings); the connection is probably gone." + kept
                    : "UNAVAILABLE: server not reachable at " + target
                    + " — it is not running, the address is wrong, or the connection was lost." + kept
                    + detail(status);
            case NOT_FOUND -> "NOT_FOUND: the server has no report '" + reportId + "'. Pick one from the list.";
            case INVALID_ARGUMENT -> "INVALID_ARGUMENT: the server refused the report id" + said + ".";
            // The client itself held the token back: the fix is TLS, not another token.
            case UNAUTHENTICATED -> BearerToken.wasWithheld(status)
                    ? "UNAUTHENTICATED: the token was not sent — " + status.getDescription() + "."
                    : "UNAUTHENTICATED: " + WANTS_TOKEN + said + ".";
            case PERMISSION_DENIED -> "PERMISSION_DENIED: not allowed to read this report" + said + ".";
            case RESOURCE_EXHAUSTED -> "RESOURCE_EXHAUSTED: the server is overloaded or a chunk is too large"
                    + said + "." + kept;
            case DATA_LOSS -> "DATA_LOSS: chunks arrived out of order, so the stream was stopped rather than "
                    + "show a corrupt report" + said + "." + kept;
            case UNIMPLEMENTED -> "UNIMPLEMENTED: " + target + " does not serve ReportService/GenerateReport.";
            default -> status.getCode() + ": the call failed" + said + "." + kept;
        };
    }

    private static boolean silent(Status status) {
        return status.getDescription() != null && status.getDescription().startsWith("Keepalive failed");
    }

    private static String detail(Status status) {
        // The cause ("Connection refused: /127.0.0.1:1") says more than gRPC's "io exception".
        String d = status.getCause() != null && status.getCause().getMessage() != null
                ? status.getCause().getMessage() : status.getDescription();
        if (d == null || d.isBlank()) {
            return "";
        }
        // Netty's native transport prefixes "finishConnect(..) failed with error(-111): ".
        d = d.replaceFirst("^.*failed with error\\(-?\\d+\\):\\s*", "");
        return " (" + d + ")";
    }

    private static String duration(Duration d) {
        return Units.millis(d.toMillis());
    }
}
