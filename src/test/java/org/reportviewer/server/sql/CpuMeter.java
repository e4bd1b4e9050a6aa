package org.reportviewer.server.sql;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** CPU time this whole process (JVM and native threads, DuckDB's workers included) has used. */
final class CpuMeter {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CpuMeter() {}

    static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /** CPU time used per wall-clock time over the next {@code millis} (1.0 = one core busy). */
    static double coresBusyOver(long millis) throws InterruptedException {
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        Thread.sleep(millis); // a measurement window, not a wait for a condition
        return (processCpuNanos() - cpu0) / (double) (System.nanoTime() - wall0);
    }
}
