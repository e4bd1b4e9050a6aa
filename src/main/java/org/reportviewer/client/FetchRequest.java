package org.reportviewer.client;

import java.time.Duration;
import java.util.Objects;

/**
 * What to fetch and how.
 *
 * @param reportId the report
 * @param startChunk first chunk wanted (resume); 0 for the whole report
 * @param deadline whole-call deadline, or {@code null} for none
 * @param prefetch chunks requested ahead of the consumer: the flow-control window in messages
 * @param pacer when to ask for more chunks ({@link Pacer#NONE}: as soon as they are consumed)
 */
public record FetchRequest(String reportId, int startChunk, Duration deadline, int prefetch, Pacer pacer) {

    public static final int DEFAULT_PREFETCH = 16;

    public FetchRequest {
        Objects.requireNonNull(reportId, "reportId");
        if (startChunk < 0) {
            throw new IllegalArgumentException("startChunk must be 0 or more");
        }
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1");
        }
        Objects.requireNonNull(pacer, "pacer");
    }

    public static FetchRequest of(String reportId) {
        return new FetchRequest(reportId, 0, null, DEFAULT_PREFETCH, Pacer.NONE);
    }

    public FetchRequest withStartChunk(int chunk) {
        return new FetchRequest(reportId, chunk, deadline, prefetch, pacer);
    }

    public FetchRequest withDeadline(Duration d) {
        return new FetchRequest(reportId, startChunk, d, prefetch, pacer);
    }

    public FetchRequest withPrefetch(int n) {
        return new FetchRequest(reportId, startChunk, deadline, n, pacer);
    }

    public FetchRequest withPacer(Pacer p) {
        return new FetchRequest(reportId, startChunk, deadline, prefetch, p);
    }
}
