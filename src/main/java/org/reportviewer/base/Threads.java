package org.reportviewer.base;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The one thread factory of the app: named daemon threads, so a forgotten pool never holds the JVM. */
public final class Threads {

    private Threads() {}

    /** Threads named {@code prefix-1}, {@code prefix-2}, ...; daemons. */
    public static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
