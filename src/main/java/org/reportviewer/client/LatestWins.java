package org.reportviewer.client;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hands the latest state to a consumer on another thread (a UI thread) with at most ONE pending
 * task, whatever the rate of changes: the pattern of OpenJFX's {@code Task.updateProgress}. A change
 * only marks the state dirty; the one scheduled task reads the state when it runs, so it always sees
 * the newest, and a thousand chunks between two frames cost one task, not a thousand.
 *
 * @param <T> the state handed over (an immutable snapshot)
 */
public final class LatestWins<T> {

    private final Executor target;
    private final Supplier<T> state;
    private final Consumer<T> consumer;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong drains = new AtomicLong();

    /**
     * @param target where {@code consumer} runs (the FX thread in the app)
     * @param state reads the current state; called on {@code target}
     */
    public LatestWins(Executor target, Supplier<T> state, Consumer<T> consumer) {
        this.target = target;
        this.state = state;
        this.consumer = consumer;
    }

    /** From any thread: the state changed. Cheap: a task is scheduled only when none is pending. */
    public void changed() {
        if (scheduled.compareAndSet(false, true)) {
            target.execute(this::drain);
        }
    }

    private void drain() {
        // Clear the flag before reading: a change during the read then schedules the next drain
        // instead of being lost.
        scheduled.set(false);
        drains.incrementAndGet();
        consumer.accept(state.get());
    }

    /** How many drains ran: what the changes cost the target thread (tests and benchmarks). */
    public long drainCount() {
        return drains.get();
    }
}
