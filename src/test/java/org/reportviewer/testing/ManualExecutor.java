package org.reportviewer.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * A stand-in for a UI thread without a toolkit: tasks wait until the test thread runs them, so all
 * view-model state is touched on one thread, as in the app, and a test can count what is pending.
 */
public class ManualExecutor implements Executor {

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    public int pending() {
        return tasks.size();
    }

    /** Runs everything queued, including what those tasks queue. */
    public int runPending() {
        int n = 0;
        for (Runnable r; (r = tasks.poll()) != null; n++) {
            r.run();
        }
        return n;
    }

    /** Runs the queued tasks, again and again, until {@code condition} holds (at most {@code atMost}). */
    public void runUntil(Duration atMost, BooleanSupplier condition) {
        await().atMost(atMost).until(() -> {
            runPending();
            return condition.getAsBoolean();
        });
    }
}
