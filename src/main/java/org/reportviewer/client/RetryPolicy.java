package org.reportviewer.client;

import io.grpc.Status;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how soon to reconnect a report stream that failed. Only failures that a later attempt
 * can cure are retried: the server went away or restarted (UNAVAILABLE), or the stream broke
 * (INTERNAL, ABORTED, RESOURCE_EXHAUSTED). A wrong request (NOT_FOUND, INVALID_ARGUMENT,
 * OUT_OF_RANGE), a cancel, a passed deadline or corrupt data (DATA_LOSS) are final.
 *
 * <p>Backoff is exponential with "equal jitter": retry {@code k} waits a random time in
 * {@code [base/2, base]} with {@code base = min(max, initial * multiplier^(k-1))}, so clients that
 * lost the same server do not all come back at the same instant.
 *
 * @param maxRetries reconnects allowed in a row without receiving data (0: never retry)
 * @param initialBackoff base wait before the first retry
 * @param maxBackoff upper bound of any wait
 * @param multiplier growth of the base wait per retry (at least 1)
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, double multiplier) {

    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    public static final double DEFAULT_MULTIPLIER = 2.0;

    private static final Set<Status.Code> RETRYABLE = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.INTERNAL,
            Status.Code.ABORTED, Status.Code.RESOURCE_EXHAUSTED);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, got " + maxRetries);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
        }
    }

    /** Never retry. */
    public static RetryPolicy none() {
        return retries(0);
    }

    /** Up to {@code n} retries in a row with the default backoff (200 ms doubling, at most 5 s). */
    public static RetryPolicy retries(int n) {
        return new RetryPolicy(n, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MULTIPLIER);
    }

    /** Whether a stream that ended with {@code code} may be retried at all. */
    public static boolean retryable(Status.Code code) {
        return RETRYABLE.contains(code);
    }

    /** The base (largest) wait before retry number {@code retry} (1 for the first). */
    public Duration baseBackoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, got " + retry);
        }
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, retry - 1);
        return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long) nanos);
    }

    /**
     * The wait before retry number {@code retry}, for a uniform random {@code random01} in [0, 1):
     * between half the base wait and the base wait.
     */
    public Duration backoff(int retry, double random01) {
        if (!(random01 >= 0 && random01 <= 1)) {
            throw new IllegalArgumentException("random01 must be in [0, 1], got " + random01);
        }
        long base = baseBackoff(retry).toNanos();
        long half = base / 2;
        return Duration.ofNanos(half + (long) ((base - half) * random01));
    }

    /** {@link #backoff(int, double)} with a fresh random number. */
    public Duration backoff(int retry) {
        return backoff(retry, ThreadLocalRandom.current().nextDouble());
    }
}
