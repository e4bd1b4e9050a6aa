package org.reportviewer.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.File;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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

    /** Collector pauses at least this long are listed with their times. */
    static final long LONG_GC_MILLIS = 5;
    /** With this property true, {@link #stallStacks()} holds the FX thread's stacks during long pulses. */
    static final String STALL_STACKS = "bench.stallStacks";
    private static final long STALL_NANOS = 30_000_000L;

    private final long[] gaps = new long[1 << 20];
    private final long[] gapEnds = new long[1 << 20]; // when each gap ended, nanoseconds after start()
    private int gapCount;
    private volatile long lastPulse = -1;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long t = System.nanoTime(); // 'now' is the pulse's start, the same for every timer
            if (lastPulse >= 0 && gapCount < gaps.length) {
                gapEnds[gapCount] = t - startWall;
                gaps[gapCount++] = t - lastPulse;
            }
            lastPulse = t;
        }
    };
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakLiveAfterGc = new AtomicLong();
    // Collector pauses of LONG_GC_MILLIS or more while measuring, as "at 1.02 s: G1 Young 12 ms".
    private final List<String> longGcPauses = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean listening;
    private final List<String> stallStacks = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean sampling;
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
        listening = true;
        sampling = true;
        startSampler("heap-sampler", 5, () -> peakUsed.accumulateAndGet(
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max));
        if (Boolean.getBoolean(STALL_STACKS)) {
            startStallSampler(Thread.currentThread());
        }
        timer.start();
    }

    /**
     * Every 3 ms, while the FX thread has not reached a pulse for 30 ms or more, takes its stack: where a
     * long pulse spends its time (BENCHMARKS.md, "8 tabs: where the long pulses come from"). Off unless
     * asked for: taking a stack stops the thread at a safepoint.
     */
    private void startStallSampler(Thread fx) {
        startSampler("stall-sampler", 3, () -> {
            long last = lastPulse;
            long now = System.nanoTime();
            if (last > 0 && now - last > STALL_NANOS) {
                StringBuilder b = new StringBuilder(Samples.fmt("at %.3f s:", (now - startWall) / 1e9));
                for (StackTraceElement e : fx.getStackTrace()) {
                    String cls = e.getClassName();
                    b.append(' ').append(cls.substring(cls.lastIndexOf('.') + 1)).append('.').append(e.getMethodName());
                }
                stallStacks.add(b.toString());
            }
        });
    }

    /** A daemon thread running {@code sample} every {@code periodMillis} until {@link #stop()}. */
    private void startSampler(String name, long periodMillis, Runnable sample) {
        Thread t = new Thread(() -> {
            while (sampling) {
                sample.run();
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** The FX thread's stacks taken during long pulses, innermost frame first, if {@link #STALL_STACKS} was set. */
    List<String> stallStacks() {
        synchronized (stallStacks) {
            return List.copyOf(stallStacks);
        }
    }

    /** FX thread. */
    void stop() {
        timer.stop();
        sampling = false;
        listening = false;
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

    /**
     * The pulses that took {@code thresholdMillis} or more, in order, as "at 0.05 s: 54 ms" (the time
     * the gap ended, after start()): whether a run's p99 comes from its start (tabs opening, the JIT)
     * or from the whole stream shows here, at most {@code max} of them.
     */
    String longGaps(double thresholdMillis, int max) {
        List<String> out = new ArrayList<>();
        int more = 0;
        for (int i = 0; i < gapCount; i++) {
            if (gaps[i] >= thresholdMillis * 1e6) {
                if (out.size() < max) {
                    out.add(Samples.fmt("at %.2f s: %.0f ms", gapEnds[i] / 1e9, gaps[i] / 1e6));
                } else {
                    more++;
                }
            }
        }
        return out.isEmpty() ? "none" : String.join(", ", out) + (more > 0 ? " and " + more + " more" : "");
    }

    /** The collector's pauses of {@value #LONG_GC_MILLIS} ms or more between start and stop, or "none". */
    String longGcPauses() {
        synchronized (longGcPauses) {
            return longGcPauses.isEmpty() ? "none" : String.join(", ", longGcPauses);
        }
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
                long pause = info.getGcInfo().getDuration();
                if (listening && pause >= LONG_GC_MILLIS) {
                    // Notified just after the collection: its end is about now.
                    double at = (System.nanoTime() - startWall) / 1e9 - pause / 1e3;
                    longGcPauses.add(Samples.fmt("at %.2f s: %s %d ms", at, info.getGcName(), pause));
                }
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
