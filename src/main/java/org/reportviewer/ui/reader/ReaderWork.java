package org.reportviewer.ui.reader;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The executor the window gives the tabs' filters and row indexes. */
public final class ReaderWork {

    private ReaderWork() {}

    /**
     * Two daemon threads at most (the machine may have two cores, and the stream and the screen come
     * first), started on demand and ended after 30 s idle, so a window that closes leaves nothing to
     * shut down. Each model queues at most one task at a time (its {@code SerialWork}).
     */
    public static ExecutorService pool() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "reader-work-" + n.incrementAndGet());
                    t.setDaemon(true);
                    t.setPriority(Thread.NORM_PRIORITY - 1);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
