package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryPolicyTest {

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = {"UNAVAILABLE", "INTERNAL", "ABORTED", "RESOURCE_EXHAUSTED"})
    void retriesWhatALaterAttemptCanCure(Status.Code code) {
        assertThat(RetryPolicy.retryable(code)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = {"UNAVAILABLE", "INTERNAL", "ABORTED", "RESOURCE_EXHAUSTED"},
            mode = EnumSource.Mode.EXCLUDE)
    void neverRetriesTheRest(Status.Code code) {
        // OK, CANCELLED, NOT_FOUND, INVALID_ARGUMENT, OUT_OF_RANGE, DEADLINE_EXCEEDED, DATA_LOSS, ...
        assertThat(RetryPolicy.retryable(code)).isFalse();
    }

    @Test
    void baseBackoffDoublesUpToTheCap() {
        RetryPolicy p = RetryPolicy.retries(10);
        assertThat(p.baseBackoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.baseBackoff(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(p.baseBackoff(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(p.baseBackoff(5)).isEqualTo(Duration.ofMillis(3200));
        assertThat(p.baseBackoff(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.baseBackoff(1000)).isEqualTo(Duration.ofSeconds(5)); // no overflow far out
    }

    @Test
    void jitteredBackoffStaysBetweenHalfTheBaseAndTheBase() {
        RetryPolicy p = new RetryPolicy(20, Duration.ofMillis(100), Duration.ofSeconds(2), 1.5);
        assertThat(p.backoff(3, 0.0)).isEqualTo(p.baseBackoff(3).dividedBy(2));
        assertThat(p.backoff(3, 1.0)).isEqualTo(p.baseBackoff(3));
        Random random = new Random(42);
        for (int retry = 1; retry <= 20; retry++) {
            Duration base = p.baseBackoff(retry);
            for (int i = 0; i < 200; i++) {
                Duration d = p.backoff(retry, random.nextDouble());
                assertThat(d).isBetween(base.dividedBy(2), base);
                assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(2));
            }
            Duration live = p.backoff(retry); // the ThreadLocalRandom variant obeys the same bounds
            assertThat(live).isBetween(base.dividedBy(2), base);
        }
    }

    @Test
    void jitterSpreadsClientsApart() {
        RetryPolicy p = RetryPolicy.retries(3);
        long distinct = new Random(7).doubles(50).mapToObj(r -> p.backoff(2, r)).distinct().count();
        assertThat(distinct).isGreaterThan(40);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> RetryPolicy.retries(-1)).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
                .hasMessageContaining("initialBackoff <= maxBackoff");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> RetryPolicy.retries(1).baseBackoff(0)).hasMessageContaining("from 1");
        assertThatThrownBy(() -> RetryPolicy.retries(1).backoff(1, 1.5)).hasMessageContaining("[0, 1]");
    }
}
