package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The latest-wins hand-over to a UI thread: one pending task whatever the rate, never a stale value. */
class LatestWinsTest {

    /** A stand-in UI thread: tasks wait until the test runs them. */
    private static final class Queued implements java.util.concurrent.Executor {
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        void runAll() {
            for (Runnable r; (r = tasks.poll()) != null; ) {
                r.run();
            }
        }
    }

    @Test
    void manyChangesFromManyThreadsCostOneUiTaskThatSeesTheLatestState() throws Exception {
        Queued ui = new Queued();
        AtomicLong state = new AtomicLong();
        List<Long> seen = new ArrayList<>();
        LatestWins<Long> latest = new LatestWins<>(ui, state::get, seen::add);
        int threads = 4;
        int perThread = 2_500;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    state.incrementAndGet();
                    latest.changed();
                }
                done.countDown();
            }).start();
        }
        done.await();
        assertThat(ui.tasks).as("UI tasks scheduled for 10,000 changes").hasSize(1);
        ui.runAll();
        assertThat(seen).containsExactly((long) threads * perThread);
        assertThat(latest.drainCount()).isEqualTo(1);
    }

    @Test
    void aChangeAfterADrainSchedulesTheNextOne() {
        Queued ui = new Queued();
        AtomicLong state = new AtomicLong();
        List<Long> seen = new ArrayList<>();
        LatestWins<Long> latest = new LatestWins<>(ui, state::get, seen::add);
        state.set(1);
        latest.changed();
        state.set(2);
        latest.changed();
        assertThat(ui.tasks).hasSize(1);
        ui.runAll();
        state.set(3);
        latest.changed();
        ui.runAll();
        assertThat(seen).containsExactly(2L, 3L);
    }

    @Test
    void aChangeWhileDrainingIsNotStranded() {
        Queued ui = new Queued();
        AtomicLong state = new AtomicLong(1);
        List<Long> seen = new ArrayList<>();
        @SuppressWarnings("unchecked")
        LatestWins<Long>[] self = new LatestWins[1];
        self[0] = new LatestWins<>(ui, state::get, v -> {
            seen.add(v);
            if (v == 1) {
                state.set(2); // a producer changes the state while the consumer runs
                self[0].changed();
            }
        });
        self[0].changed();
        ui.runAll();
        assertThat(seen).containsExactly(1L, 2L);
        assertThat(self[0].drainCount()).isEqualTo(2);
    }
}
