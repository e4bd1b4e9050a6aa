package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The sparkline's sampling model, on a clock the test moves by hand. */
class RateHistoryTest {

    private static final long MS = 1_000_000L;

    @Test
    void oneSamplePerIntervalInBytesPerSecond() {
        RateHistory h = new RateHistory(4, 250 * MS);

        assertThat(h.record(0, 0)).as("the first reading is the baseline").isFalse();
        assertThat(h.record(100 * MS, 500)).as("too soon: no sample yet").isFalse();
        assertThat(h.record(250 * MS, 1000)).isTrue();
        assertThat(h.record(500 * MS, 1000)).isTrue();

        // 1000 bytes in 0.25 s, then nothing in the next 0.25 s.
        assertThat(h.rates()).containsExactly(4000.0, 0.0);
        assertThat(h.latest()).isEqualTo(0.0);
        assertThat(h.peak()).isEqualTo(4000.0);
    }

    @Test
    void aLateReadingFillsTheIntervalsItCovers() {
        RateHistory h = new RateHistory(10, 250 * MS);
        h.record(0, 0);

        h.record(1000 * MS, 2000); // one reading after four intervals

        assertThat(h.rates()).containsExactly(2000.0, 2000.0, 2000.0, 2000.0);
    }

    @Test
    void keepsOnlyTheNewestCapacitySamples() {
        RateHistory h = new RateHistory(3, 250 * MS);
        h.record(0, 0);
        for (int i = 1; i <= 5; i++) {
            h.record(i * 250 * MS, 250L * i * i); // increments 250, 750, 1250, 1750, 2250 bytes
        }

        assertThat(h.rates()).containsExactly(5000.0, 7000.0, 9000.0);
        assertThat(h.capacity()).isEqualTo(3);

        h.record(100_000 * MS, 30_000); // a very long gap never writes more than the ring holds
        assertThat(h.rates()).hasSize(3);
    }

    @Test
    void resetAndANewStreamStartOver() {
        RateHistory h = new RateHistory(4, 250 * MS);
        h.record(0, 0);
        h.record(250 * MS, 100);
        long v = h.version();

        h.reset();

        assertThat(h.rates()).isEmpty();
        assertThat(h.latest()).isZero();
        assertThat(h.peak()).isZero();
        assertThat(h.version()).isNotEqualTo(v);
        assertThat(h.record(300 * MS, 50)).as("baseline again").isFalse();
        assertThat(h.record(550 * MS, 10)).as("fewer bytes: another stream, baseline again").isFalse();
        assertThat(h.record(800 * MS, 260)).isTrue();
        assertThat(h.rates()).containsExactly(1000.0);
    }

    @Test
    void aRestartKeepsTheSamplesButNotThePause() {
        RateHistory h = new RateHistory(10, 250 * MS);
        h.record(0, 0);
        h.record(250 * MS, 1000);

        h.restartAt(60_000 * MS, 1000); // resumed a minute later

        assertThat(h.record(60_250 * MS, 1500)).isTrue();
        assertThat(h.rates()).as("no stretch of zeros for the minute between").containsExactly(4000.0, 2000.0);
    }

    @Test
    void refusesAUselessShape() {
        assertThatThrownBy(() -> new RateHistory(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateHistory(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
