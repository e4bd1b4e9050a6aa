package org.reportviewer.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MatchListTest {

    @Test
    void readsBackEveryValueAcrossSpilledBlocksInAnyOrder() {
        Random rnd = new Random(7);
        long[] ref = new long[20_000];
        long v = -1;
        for (int i = 0; i < ref.length; i++) {
            // Mostly neighbours (one-byte deltas), sometimes huge gaps (multi-byte deltas).
            v += rnd.nextInt(10) == 0 ? 1 + (rnd.nextLong() >>> 30) : 1 + rnd.nextInt(3);
            ref[i] = v;
        }
        try (MatchList list = new MatchList(64)) {
            for (long x : ref) {
                list.add(x);
            }
            assertThat(list.size()).isEqualTo(ref.length);
            assertThat(list.spilledBytes()).as("full blocks go to disk").isGreaterThan(ref.length / 2);
            for (int i = 0; i < ref.length; i++) {
                assertThat(list.get(i)).as("sequential %d", i).isEqualTo(ref[i]);
            }
            for (int k = 0; k < 5_000; k++) {
                int i = rnd.nextInt(ref.length);
                assertThat(list.get(i)).as("random %d", i).isEqualTo(ref[i]);
            }
            for (int k = 0; k < 2_000; k++) {
                long probe = rnd.nextInt(10) == 0 ? ref[rnd.nextInt(ref.length)] : rnd.nextLong() & (v * 2 + 1);
                probe = Math.abs(probe) % (v + 5);
                int expected = Arrays.binarySearch(ref, probe);
                if (expected < 0) {
                    expected = -expected - 1;
                }
                assertThat(list.indexAtOrAfter(probe)).as("at or after %d", probe).isEqualTo(expected);
            }
        }
    }

    @Test
    void aDenseMillionCostsAboutAByteEachOnDisk() {
        try (MatchList list = new MatchList()) {
            for (long i = 0; i < 1_000_000; i++) {
                list.add(i * 2);
            }
            assertThat(list.spilledBytes()).isBetween(900_000L, 1_100_000L);
            assertThat(list.get(999_999)).isEqualTo(1_999_998L);
            assertThat(list.indexAtOrAfter(1_000_001)).isEqualTo(500_001L);
            assertThat(list.indexAtOrAfter(5_000_000)).isEqualTo(1_000_000L);
        }
    }

    @Test
    void refusesValuesOutOfOrderAndUseAfterClose() {
        MatchList list = new MatchList();
        list.add(5);
        assertThatThrownBy(() -> list.add(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> list.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        list.close();
        assertThatThrownBy(() -> list.get(0)).isInstanceOf(IllegalStateException.class);
        list.close();
    }
}
