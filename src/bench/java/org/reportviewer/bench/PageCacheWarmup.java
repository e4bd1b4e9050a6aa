package org.reportviewer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.reportviewer.server.Sizes;

/**
 * Before the viewer cases: writes a spool-sized file into {@code java.io.tmpdir} and deletes it, until
 * the cost stops falling, and says what each pass cost.
 *
 * <p>Why: this project's VMs hand free guest pages back to the host, keeping about a GiB of recently
 * freed ones; a GiB of taken-back pages written into the page cache cost 2.6–3.5 CPU-s in the kernel,
 * a warm one 0.3 (BENCHMARKS.md, "The spool and the VM's memory"). The window pays that for its spool
 * file; the headless fetch it is compared with writes nothing. Warming gives cases 5 and 7 the warm
 * pages there are (the window's own heap may still take them first); the detail line, and the kernel
 * part of each thread's CPU, show which state a run met.
 */
final class PageCacheWarmup {

    private static final int MAX_PASSES = 5;

    private PageCacheWarmup() {}

    /** One line for the case's details: the CPU-seconds of each pass. */
    static String warm(long bytes) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> cpu = new ArrayList<>();
        try {
            for (int pass = 0; pass < MAX_PASSES; pass++) {
                long before = threads.getCurrentThreadCpuTime();
                writeAndDelete(bytes);
                cpu.add((threads.getCurrentThreadCpuTime() - before) / 1e9);
                int n = cpu.size();
                if (n >= 2 && cpu.get(n - 1) > 0.8 * cpu.get(n - 2)) {
                    break; // no longer falling: the pages are backed
                }
            }
        } catch (IOException e) {
            return "page cache warm-up failed: " + e;
        }
        return Samples.fmt("page cache warm-up: writing %s into %s and deleting it took %s CPU-s per pass",
                Sizes.format(bytes), System.getProperty("java.io.tmpdir"),
                cpu.stream().map(s -> Samples.fmt("%.2f", s)).collect(Collectors.joining(", ")));
    }

    /** As the spool writes: 64 KiB at a time, no fsync. */
    private static void writeAndDelete(long bytes) throws IOException {
        Path file = Files.createTempFile("bench-warmup-", ".spool");
        ByteBuffer block = ByteBuffer.allocateDirect(64 << 10);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (long done = 0; done < bytes; ) {
                block.clear().limit((int) Math.min(block.capacity(), bytes - done));
                done += ch.write(block);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
