package org.reportviewer.client;

import io.grpc.Status;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * A failed stream's status as one plain sentence for a user: what happened and, where there is
 * something to do, what. gRPC's own descriptions are written for gRPC developers ("io exception",
 * "CallOptions deadline exceeded after 0.17s. Name resolution delay …"); our servers' descriptions
 * are already meant for users and are kept as they are.
 */
public final class FailureText {

    private FailureText() {}

    /** One sentence for {@code status} of a call to {@code target} (may be {@code null}). */
    public static String explain(Status status, Target target) {
        String d = status.getDescription() == null ? "" : status.getDescription().trim();
        String where = target == null ? "the server" : target.toString();
        Throwable cause = status.getCause();
        return switch (status.getCode()) {
            case OK -> "the report is complete";
            case UNAVAILABLE -> unavailable(d, cause, where);
            case DEADLINE_EXCEEDED -> d.startsWith("the deadline of") ? d + "; give it a longer deadline"
                    : "the deadline passed before the report was complete; give it a longer deadline";
            case RESOURCE_EXHAUSTED -> d.contains("too_many_pings")
                    ? "the server at " + where + " refused our keepalive pings (too_many_pings); it must permit a "
                            + "ping every " + KeepAlive.configured().time().toSeconds() + " s during a silent stream"
                    : orElse(d, "the server is out of resources; try again later");
            case UNIMPLEMENTED -> "the server at " + where + " does not offer ReportService/GenerateReport; "
                    + "check that the address is a report server";
            case UNKNOWN -> "the server failed with an unexpected error" + (d.isEmpty() ? "" : " (" + d + ")")
                    + "; see the server's log";
            case INTERNAL -> orElse(d, "the stream failed inside gRPC; try again, and see the debug log");
            default -> orElse(d, status.getCode().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        };
    }

    private static String unavailable(String d, Throwable cause, String where) {
        Throwable root = root(cause);
        if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException
                || d.startsWith("Unable to resolve host")) {
            return "cannot find the server: the host name in " + where + " does not resolve; check the address";
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return "server not reachable at " + where + " (nothing accepts connections there); check the address "
                    + "and that the server runs";
        }
        if (d.startsWith("Keepalive failed")) {
            return "the server at " + where + " stopped answering (no reply to keepalive pings); the connection is "
                    + "probably gone; resume when it is back";
        }
        if (root instanceof SSLException) {
            return "the TLS handshake with " + where + " failed (" + message(root) + "); check TLS and the CA file";
        }
        if (d.isEmpty() || d.equals("io exception") || d.startsWith("Network closed") || d.startsWith("Connection closed")) {
            return "the connection to " + where + " was lost" + (root == null ? "" : " (" + message(root) + ")")
                    + "; resume when the server is back";
        }
        return d; // our server's own words, e.g. "the server is shutting down; resume from the next chunk later"
    }

    private static String orElse(String d, String fallback) {
        return d.isEmpty() ? fallback : d;
    }

    private static Throwable root(Throwable t) {
        Throwable r = t;
        while (r != null && r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        // Netty's native transport names the system call: "recvAddress(..) failed with error(-104): Connection reset by peer".
        return NATIVE_CALL.matcher(m).replaceFirst("");
    }

    private static final Pattern NATIVE_CALL = Pattern.compile("^\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ");
}
