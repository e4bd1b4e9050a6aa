package org.reportviewer.cli;

import java.util.Locale;
import java.util.regex.Pattern;
import org.reportviewer.client.FetchOutcome;

/**
 * The one line {@code fetch} prints about a run, a stable interface for scripts:
 * {@code received=<chunks> bytes=<bytes> status=<CODE> first_ms=<ms> total_ms=<ms> mbps=<MB/s> gaps=<n>}.
 * Only ever add fields at the end; never rename, reorder or reformat the existing ones.
 */
public final class SummaryLine {

    /** Matches a summary line; groups: received, bytes, status, first_ms, total_ms, mbps, gaps. */
    public static final Pattern PATTERN = Pattern.compile("received=(\\d+) bytes=(\\d+) status=([A-Z_]+) "
            + "first_ms=(-1|\\d+) total_ms=(\\d+) mbps=(\\d+\\.\\d{3}) gaps=(\\d+)");

    private SummaryLine() {}

    /**
     * @param firstMillis -1 when no chunk arrived
     * @param megabytesPerSecond decimal: bytes / 1e6 / seconds
     */
    public static String format(long received, long bytes, String status, long firstMillis, long totalMillis,
            double megabytesPerSecond, int gaps) {
        return String.format(Locale.ROOT, "received=%d bytes=%d status=%s first_ms=%d total_ms=%d mbps=%.3f gaps=%d",
                received, bytes, status, firstMillis, totalMillis, megabytesPerSecond, gaps);
    }

    public static String format(FetchOutcome o) {
        return format(o.chunks(), o.bytes(), o.status().getCode().name(), o.firstChunkMillis(), o.elapsedMillis(),
                o.megabytesPerSecond(), o.gaps());
    }
}
