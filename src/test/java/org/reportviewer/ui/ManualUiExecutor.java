package org.reportviewer.ui;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A stand-in for the FX thread without a toolkit: tasks wait until the test thread runs them, so all
 * view-model properties are touched on one thread, as in the app.
 */
final class ManualUiExecutor implements UiExecutor {

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    int pending() {
        return tasks.size();
    }

    /** Runs everything queued, including what those tasks queue. */
    int runPending() {
        int n = 0;
        for (Runnable r; (r = tasks.poll()) != null; n++) {
            r.run();
        }
        return n;
    }
}
