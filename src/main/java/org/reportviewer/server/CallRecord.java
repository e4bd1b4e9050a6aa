package org.reportviewer.server;

import io.grpc.Status;

/**
 * What one GenerateReport call did, recorded when it ends.
 *
 * @param chunksAfterCancel chunks handed to gRPC after the server saw the cancel (ideally 0)
 * @param cancelToStopNanos from seeing the cancel to having stopped producing; -1 when not cancelled
 */
public record CallRecord(
        String reportId,
        int startChunk,
        int chunksSent,
        long bytesSent,
        Status.Code status,
        String description,
        long durationNanos,
        int chunksAfterCancel,
        long cancelToStopNanos) {

    /** One access-log line; its wording ("completed K chunks", "cancelled after K chunks") is relied on. */
    public String logLine() {
        String what = switch (status) {
            case OK -> "completed " + chunksSent + " chunks, " + bytesSent + " bytes";
            case CANCELLED -> "cancelled after " + chunksSent + " chunks, " + bytesSent + " bytes";
            case DEADLINE_EXCEEDED -> "deadline exceeded after " + chunksSent + " chunks, " + bytesSent + " bytes";
            default -> "failed after " + chunksSent + " chunks, " + bytesSent + " bytes";
        };
        return "report=" + quote(reportId) + " start=" + startChunk + " " + what
                + " status=" + status + (description == null ? "" : " message=" + quote(description))
                + " duration_ms=" + durationNanos / 1_000_000;
    }

    /** Ids come from clients: keep the log one line per call whatever they contain. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        int limit = Math.min(s.length(), 200);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(s.length() > limit ? "…\"" : "\"").toString();
    }
}
