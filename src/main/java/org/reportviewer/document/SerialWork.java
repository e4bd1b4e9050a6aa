package org.reportviewer.document;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one piece of catch-up work on an executor, never twice at once, and again whenever it was asked
 * while running: however often {@link #request()} is called (for example once per arriving chunk), at
 * most one task is queued, and a request made during a run is never lost. The work-in-progress counter
 * is the same pattern the server's drain loop uses.
 */
final class SerialWork {

    private final Executor executor;
    private final Runnable work;
    private final AtomicInteger wip = new AtomicInteger();

    SerialWork(Executor executor, Runnable work) {
        this.executor = executor;
        this.work = work;
    }

    /** Asks for one more run after everything seen so far; any thread. */
    void request() {
        if (wip.getAndIncrement() == 0) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        int missed = 1;
        do {
            work.run();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }
}
