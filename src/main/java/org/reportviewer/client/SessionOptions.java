package org.reportviewer.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ReportSession} runs.
 *
 * @param retryPolicy reconnects within one run ({@link RetryPolicy#none()}: a failure ends the run)
 * @param deadline for each run, its retries included; {@code null} for none
 * @param prefetch chunks requested ahead of the sink: the flow-control window in messages
 * @param pacer when calls ask for more chunks ({@link Pacer#NONE}: as soon as the sink took them)
 * @param beforeRetry runs before each reconnect, e.g. {@code ManagedChannel::resetConnectBackoff} so
 *     the channel's own (slower) reconnect backoff does not add to the policy's
 */
public record SessionOptions(RetryPolicy retryPolicy, Duration deadline, int prefetch, Pacer pacer,
        Runnable beforeRetry) {

    public SessionOptions {
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(pacer, "pacer");
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1");
        }
        if (deadline != null && (deadline.isZero() || deadline.isNegative())) {
            throw new IllegalArgumentException("the deadline must be longer than 0");
        }
        beforeRetry = beforeRetry == null ? () -> { } : beforeRetry;
    }

    /** No retries, no deadline, the default prefetch, unpaced. */
    public static SessionOptions defaults() {
        return new SessionOptions(RetryPolicy.none(), null, FetchRequest.DEFAULT_PREFETCH, Pacer.NONE, null);
    }

    public SessionOptions withRetryPolicy(RetryPolicy p) {
        return new SessionOptions(p, deadline, prefetch, pacer, beforeRetry);
    }

    public SessionOptions withDeadline(Duration d) {
        return new SessionOptions(retryPolicy, d, prefetch, pacer, beforeRetry);
    }

    public SessionOptions withPrefetch(int n) {
        return new SessionOptions(retryPolicy, deadline, n, pacer, beforeRetry);
    }

    public SessionOptions withPacer(Pacer p) {
        return new SessionOptions(retryPolicy, deadline, prefetch, p, beforeRetry);
    }

    public SessionOptions withBeforeRetry(Runnable r) {
        return new SessionOptions(retryPolicy, deadline, prefetch, pacer, r);
    }
}
