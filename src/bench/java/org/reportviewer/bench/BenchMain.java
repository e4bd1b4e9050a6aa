package org.reportviewer.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark harness of issue 4: runs the selected cases, prints a table and writes it into
 * BENCHMARKS.md. Run it with {@code mvn -B -Pbench verify} (see the README); pick cases and sizes
 * with {@code -Dbench.cases=1,2 -Dbench.size=256MiB -Dbench.runs=1}.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        // One access-log line per call would flood the console during cases 3 and 4.
        System.setProperty("org.slf4j.simpleLogger.log.org.reportviewer.server.access", "warn");
        org.reportviewer.Logging.init();
        BenchConfig cfg = BenchConfig.fromSystemProperties();
        String command = System.getProperty("bench.command", "mvn -B -Pbench verify");
        System.out.println("Report Stream Viewer benchmarks: " + cfg.describe());
        System.out.println("machine: " + Machine.describe());
        long started = System.nanoTime();
        List<CaseResult> results = new ArrayList<>();
        double[] headlessMbps = {Double.NaN};
        if (cfg.runs(1) || cfg.runs(2) || cfg.runs(3) || cfg.runs(4) || cfg.runs(5)) {
            try (HeadlessBench headless = new HeadlessBench()) {
                LatencyBench latency = new LatencyBench(headless);
                run(results, cfg.runs(1), "1", () -> {
                    CaseResult r = headless.bigChunks(cfg);
                    headlessMbps[0] = headless.lastMedianMbps;
                    return r;
                });
                run(results, cfg.runs(2), "2", () -> headless.smallChunks(cfg));
                run(results, cfg.runs(3), "3", () -> latency.firstChunk(cfg));
                run(results, cfg.runs(4), "4", () -> latency.cancel(cfg));
                if (cfg.runs(5) && Double.isNaN(headlessMbps[0])) {
                    // Case 5 compares with headless throughput; measure it if case 1 did not run.
                    headlessMbps[0] = cfg.viewerBytes() / 1e6 / (headless.fetch(cfg.viewerBytes(), 64 << 10) / 1e9);
                }
            }
        }
        ViewerBench viewer = new ViewerBench(cfg);
        run(results, cfg.runs(5), "5", () -> viewer.viewer(headlessMbps[0]));
        run(results, cfg.runs(7), "7", viewer::tabs);
        run(results, cfg.runs(8), "8", () -> new MatrixBench(cfg).run());
        run(results, cfg.runs(9), "9", () -> SqlBench.run(cfg));
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String date = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC).format(Instant.now()).substring(0, 16)
                + " UTC";
        String table = BenchmarksFile.table(results);
        System.out.println();
        System.out.println(table);
        if (!Boolean.getBoolean("bench.noWrite")) {
            String section = BenchmarksFile.section(command + describeOptions(), Machine.describe(), date, seconds,
                    cfg, results);
            BenchmarksFile.write(cfg.out(), section);
            System.out.println("written to " + cfg.out().toAbsolutePath());
        }
        System.exit(0); // FX and gRPC leave non-daemon threads behind in some failure paths
    }

    interface Case {
        CaseResult run() throws Exception;
    }

    private static void run(List<CaseResult> results, boolean selected, String id, Case c) {
        if (!selected) {
            return;
        }
        long t = System.nanoTime();
        String loadBefore = Machine.loadAverage();
        System.out.println("case " + id + " ... (load average " + loadBefore + ")");
        CaseResult r;
        try {
            r = c.run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            r = CaseResult.failed("case " + id, id, e);
        }
        r.detail("load average (1/5/15 min) before the case: %s, after: %s; took %.0f s", loadBefore,
                Machine.loadAverage(), (System.nanoTime() - t) / 1e9);
        results.add(r);
        for (BenchRow row : r.rows) {
            System.out.println("  " + row.metric() + ": " + row.ours() + "  (baseline " + row.baseline() + ", "
                    + row.met() + ")");
        }
        System.out.printf("  (%.1f s)%n", (System.nanoTime() - t) / 1e9);
    }

    /** The bench.* options given on the command line, so the written command reproduces the run. */
    private static String describeOptions() {
        StringBuilder b = new StringBuilder();
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(k -> k.startsWith("bench.") && !k.equals("bench.command") && !k.equals("bench.out"))
                .forEach(k -> b.append(" -D").append(k).append('=').append(System.getProperty(k)));
        return b.toString();
    }
}
