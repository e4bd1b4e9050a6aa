package org.reportviewer.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Carries events from any thread to the UI thread with at most ONE pending UI task, whatever the
 * event rate: the pattern of OpenJFX's {@code Task.updateProgress}. Producers enqueue and schedule
 * a drain only when none is pending; the drain takes everything queued at once.
 *
 * @param <T> the event type; events are handed over in publication order
 */
public final class CoalescingPublisher<T> {

    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong drains = new AtomicLong();
    private final Executor ui;
    private final Consumer<List<T>> handler;

    /**
     * @param ui where {@code handler} runs (the FX thread in the app)
     * @param handler gets every event queued since the last drain, oldest first, never an empty list
     */
    public CoalescingPublisher(Executor ui, Consumer<List<T>> handler) {
        this.ui = ui;
        this.handler = handler;
    }

    /** From any thread. Cheap: no UI work, and a UI task only when none is pending. */
    public void publish(T event) {
        queue.add(event);
        if (drainScheduled.compareAndSet(false, true)) {
            ui.execute(this::drain);
        }
    }

    private void drain() {
        // Clear the flag before taking events: an event published during the drain then schedules
        // the next drain instead of being stranded.
        drainScheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T e; (e = queue.poll()) != null; ) {
            batch.add(e);
        }
        if (!batch.isEmpty()) {
            drains.incrementAndGet();
            handler.accept(batch);
        }
    }

    /** How many non-empty drains ran: for tests and benchmarks. */
    public long drainCount() {
        return drains.get();
    }
}
