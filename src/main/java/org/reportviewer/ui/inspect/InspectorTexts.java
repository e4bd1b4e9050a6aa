package org.reportviewer.ui.inspect;

import java.time.Duration;
import org.reportviewer.client.CallDetails;
import org.reportviewer.client.RateHistory;
import org.reportviewer.format.Units;

/** What the call inspector says, in words: no controls, so it is tested without a toolkit. */
public final class InspectorTexts {

    private InspectorTexts() {}

    /** "OK", "NOT_FOUND", "streaming…": the call's state in a word or two. */
    public static String status(CallDetails d) {
        if (d == null) {
            return "No call yet";
        }
        if (d.ended()) {
            return d.code().name();
        }
        return d.stats().chunks() > 0 ? "Streaming…" : d.headersNanos() >= 0 ? "Headers received, waiting for data…"
                : "Waiting for the server…";
    }

    /** A time since the start of the call: 850 ms, 12.5 s; a dash before it happened (negative). */
    public static String time(long nanos) {
        return Units.millis(nanos < 0 ? -1 : nanos / 1_000_000);
    }

    public static String deadline(Duration deadline) {
        return deadline == null ? "none" : Units.millis(deadline.toMillis());
    }

    public static String startChunk(CallDetails d) {
        return d.startChunk() == 0 ? "0 (the whole report)" : Units.count(d.startChunk()) + " (a resume)";
    }

    /** "12 of 40": of the chunks this call was to send, when the server announced the total. */
    public static String chunks(CallDetails d) {
        String n = Units.count(d.stats().chunks());
        long expected = Math.max(0, d.stats().totalChunks() - (long) d.startChunk());
        return d.stats().totalChunks() > 0 ? n + " of " + Units.count(expected) : n;
    }

    public static String bytes(CallDetails d) {
        long b = d.stats().bytes();
        return b < 1024 ? Units.bytes(b) : Units.bytes(b) + " (" + Units.count(b) + " B)";
    }

    /** "now 1.20 MB/s · peak 3.00 MB/s over the last 30 s". */
    public static String rate(RateHistory h) {
        long window = h.capacity() * h.intervalNanos() / 1_000_000_000L;
        return "now " + Units.byteRate(h.latest()) + " · peak " + Units.byteRate(h.peak()) + " over the last "
                + window + " s";
    }
}
