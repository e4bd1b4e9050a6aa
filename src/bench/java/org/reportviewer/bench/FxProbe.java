package org.reportviewer.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.File;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * What the viewer case measures inside the window's JVM: the gaps between FX pulses (an
 * AnimationTimer sees every pulse; while it runs, the toolkit pulses continuously at ~60 Hz, so a
 * gap well above 16.7 ms means the FX thread was busy), and the heap: sampled peak of used heap, and
 * the peak of what was still live after a GC.
 */
final class FxProbe {

    private final long[] gaps = new long[1 << 20];
    private int gapCount;
    private long lastPulse = -1;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long t = System.nanoTime(); // 'now' is the pulse's start, the same for every timer
            if (lastPulse >= 0 && gapCount < gaps.length) {
                gaps[gapCount++] = t - lastPulse;
            }
            lastPulse = t;
        }
    };
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakLiveAfterGc = new AtomicLong();
    private volatile boolean sampling;
    private Thread sampler;
    // CPU time tells a busy FX thread (CPU ≈ wall time) from a starved one (runnable, not scheduled).
    private long startWall;
    private long startFxCpu;
    private long startProcessCpu;
    private long startRenderCpu;
    private double fxCpuShare;
    private double renderCpuShare;
    private double processCores;
    private double processCpuSeconds;
    private Map<String, Ticks> startThreadTicks = Map.of();
    private Map<String, Ticks> threadTicks = Map.of();

    /** Clock ticks (100 per second) of a thread group: user + system, and system (the kernel) alone. */
    private record Ticks(long total, long kernel) {
        Ticks minus(Ticks o) {
            return new Ticks(total - o.total, kernel - o.kernel);
        }

        Ticks plus(Ticks o) {
            return new Ticks(total + o.total, kernel + o.kernel);
        }
    }

    /** FX thread. */
    void start() {
        startWall = System.nanoTime();
        startFxCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        startProcessCpu = processCpuNanos();
        startRenderCpu = renderThreadCpuNanos();
        startThreadTicks = threadTicksByGroup();
        installGcListener();
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                peakUsed.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        timer.start();
    }

    /** FX thread. */
    void stop() {
        timer.stop();
        sampling = false;
        double wall = System.nanoTime() - startWall;
        fxCpuShare = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - startFxCpu) / wall;
        processCpuSeconds = (processCpuNanos() - startProcessCpu) / 1e9;
        processCores = processCpuSeconds * 1e9 / wall;
        Map<String, Ticks> end = threadTicksByGroup();
        Map<String, Ticks> delta = new HashMap<>();
        end.forEach((k, v) -> delta.put(k, v.minus(startThreadTicks.getOrDefault(k, new Ticks(0, 0)))));
        threadTicks = delta;
        renderCpuShare = (renderThreadCpuNanos() - startRenderCpu) / wall;
    }

    /** The Quantum render thread's CPU time over the wall time (it rasterises each frame with prism.order=sw). */
    double renderCpuShare() {
        return renderCpuShare;
    }

    private static long renderThreadCpuNanos() {
        var threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("QuantumRenderer")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    /** The FX thread's CPU time over the wall time between start and stop (1 = always on a core). */
    double fxCpuShare() {
        return fxCpuShare;
    }

    /** The window JVM's CPU time over the wall time: how many cores it kept busy on average. */
    double processCores() {
        return processCores;
    }

    /** The window JVM's CPU-seconds between start and stop, all threads (JIT compiler and GC included). */
    double processCpuSeconds() {
        return processCpuSeconds;
    }

    /**
     * CPU-seconds per thread group between start and stop, largest first, from {@code /proc/self/task}
     * (Linux; empty elsewhere): unlike ThreadMXBean it also sees the JIT compiler, GC and toolkit threads.
     * The kernel's part follows where it is 0.1 s or more: for the stream's thread it is mostly the
     * spool file's page-cache writes, whose cost depends on the VM's memory (BENCHMARKS.md, "The spool
     * and the VM's memory").
     */
    String threadCpu(int top) {
        return threadTicks.entrySet().stream().filter(e -> e.getValue().total() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, Ticks> e) -> e.getValue().total()).reversed())
                .limit(top)
                .map(e -> Samples.fmt(e.getValue().kernel() >= 10 ? "%s %.1f (kernel %.1f)" : "%s %.1f", e.getKey(),
                        e.getValue().total() / 100.0, e.getValue().kernel() / 100.0))
                .collect(Collectors.joining(", "));
    }

    /** utime + stime in clock ticks (100 per second) per thread name, digits folded so pools group. */
    private static Map<String, Ticks> threadTicksByGroup() {
        Map<String, Ticks> ticks = new HashMap<>();
        File[] tasks = new File("/proc/self/task").listFiles();
        if (tasks == null) {
            return ticks;
        }
        for (File task : tasks) {
            try {
                String stat = Files.readString(task.toPath().resolve("stat"));
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "N");
                String[] f = stat.substring(close + 2).split(" ");
                long kernel = Long.parseLong(f[12]);
                ticks.merge(name, new Ticks(Long.parseLong(f[11]) + kernel, kernel), Ticks::plus);
            } catch (IOException | RuntimeException e) {
                // the thread ended meanwhile: its time is lost to both snapshots alike
            }
        }
        return ticks;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    Samples gapsMillis() {
        return Samples.ofNanosAsMillis(gaps, gapCount);
    }

    long peakUsedBytes() {
        return peakUsed.get();
    }

    long peakLiveAfterGcBytes() {
        return peakLiveAfterGc.get();
    }

    private void installGcListener() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long live = 0;
                for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                    if (pool.getType() == MemoryType.HEAP && after != null) {
                        live += after.getUsed();
                    }
                }
                peakLiveAfterGc.accumulateAndGet(live, Math::max);
            }, null, null);
        }
    }

    static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    static String describeGaps(Samples g) {
        return Samples.fmt("%d pulses: p50 %.1f ms, p99 %.1f ms, max %.1f ms", g.count(), g.median(), g.percentile(99),
                g.max());
    }
}
