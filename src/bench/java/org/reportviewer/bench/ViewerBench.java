package org.reportviewer.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.reportviewer.server.Sizes;

/**
 * Cases 5 and 7: starts {@link ViewerApp} in a child JVM with {@code -Xmx256m} (a real window under
 * Xvfb, or Monocle headless with {@code -Dbench.fx=monocle}) and reads its figures back.
 */
final class ViewerBench {

    static final String HEAP = "256m";

    private final BenchConfig cfg;

    ViewerBench(BenchConfig cfg) {
        this.cfg = cfg;
    }

    /** Case 5: the app taking one large report, next to the naive design; {@code headlessMbps} from case 1. */
    CaseResult viewer(double headlessMbps) throws Exception {
        String size = Sizes.format(cfg.viewerBytes());
        CaseResult r = new CaseResult("5. The viewer (real window, " + fx() + ", -Xmx" + HEAP + ") taking " + size
                + " in 64 KiB chunks");
        r.detail("window JVMs: %s", windowOptions());
        r.detail("%s", PageCacheWarmup.warm(cfg.viewerBytes()));
        List<Map<String, String>> runs = new ArrayList<>();
        List<Map<String, String>> tcpRuns = new ArrayList<>();
        for (int i = 0; i < cfg.viewerRuns(); i++) { // alternating: the app's wiring, then the same over TCP
            runs.add(child("design", cfg.viewerBytes(), 1, 240, "inprocess"));
            tcpRuns.add(child("design", cfg.viewerBytes(), 1, 240, "tcp"));
        }
        Map<String, String> naive = childOrFailure("naive", cfg.naiveBytes(), 1, 60);
        Map<String, String> idle = childOrFailure("idle", 0, 0, 5);
        Samples mbps = column(runs, "mbPerSecond");
        Map<String, String> med = medianRun(runs, mbps.median());
        double p99 = d(med, "gapP99");
        double max = d(med, "gapMax");
        double heap = new Samples(runs.stream().mapToDouble(m -> d(m, "peakUsedMiB")).toArray()).max();
        boolean complete = runs.stream().allMatch(m -> "COMPLETED".equals(m.get("tab0.state")));
        String id = "5 viewer " + size;
        double ratio = headlessMbps > 0 ? mbps.median() / headlessMbps : Double.NaN;
        r.row(new BenchRow(id, "MB/s into the view (median of " + runs.size() + ")",
                Samples.fmt("%.0f%s", mbps.median(), complete ? "" : " (INCOMPLETE)"),
                Samples.fmt("%.0f (headless, case 1)", headlessMbps), Samples.fmt("%.0f %%", 100 * ratio),
                "≥ 50 % of headless", complete && ratio >= 0.5 ? "met" : "NOT met"));
        r.row(BenchRow.of(id, "FX pulse gap p50 / p99 / max ms",
                Samples.fmt("%.1f / %.1f / %.1f", d(med, "gapP50"), p99, max), "p99 < 50, max < 250",
                p99 < 50 && max < 250));
        r.row(BenchRow.of(id, "peak heap used MiB (max of runs)", Samples.fmt("%.0f", heap), "< 256 MB",
                heap * 1.048576 < 256));
        Samples tcpMbps = column(tcpRuns, "mbPerSecond");
        Map<String, String> tcpMed = medianRun(tcpRuns, tcpMbps.median());
        String tcpId = "5 viewer " + size + ", embedded server over loopback TCP";
        double tcpRatio = headlessMbps > 0 ? tcpMbps.median() / headlessMbps : Double.NaN;
        r.row(BenchRow.info(tcpId, "MB/s into the view (median of " + tcpRuns.size() + "); % of headless; pulse gap p50 / p99 / max ms",
                Samples.fmt("%.0f; %.0f %%; %.1f / %.1f / %.1f", tcpMbps.median(), 100 * tcpRatio, d(tcpMed, "gapP50"),
                        d(tcpMed, "gapP99"), d(tcpMed, "gapMax"))));
        r.row(BenchRow.info("5 viewer " + size, "window JVM CPU-s per GiB, in-process / TCP (medians)",
                Samples.fmt("%.1f / %.1f", column(runs, "cpuSecondsPerGiB").median(),
                        column(tcpRuns, "cpuSecondsPerGiB").median())));
        String naiveId = "5 naive " + Sizes.format(cfg.naiveBytes());
        boolean naiveTimedOut = Boolean.parseBoolean(naive.get("timedOut"));
        boolean naiveOom = Boolean.parseBoolean(naive.get("outOfMemory"));
        r.row(new BenchRow(naiveId, "TextArea + runLater per chunk: MB/s into the view",
                Samples.fmt("%.1f%s", d(naive, "mbPerSecond"), naiveOom
                        ? " (OutOfMemoryError after " + mb(naive, "bytes") + " MB)"
                        : naiveTimedOut ? " (stopped at the 60 s cap after " + mb(naive, "bytes") + " MB)" : ""),
                "—", Samples.fmt("%.1f %% of ours", 100 * d(naive, "mbPerSecond") / mbps.median()), "(baseline)", "—"));
        r.row(BenchRow.info(naiveId, "naive: pulse gap p50 / p99 / max ms; peak heap MiB",
                Samples.fmt("%.1f / %.1f / %.1f; %.0f", d(naive, "gapP50"), d(naive, "gapP99"), d(naive, "gapMax"),
                        d(naive, "peakUsedMiB"))));
        r.row(BenchRow.info("5 control", "idle window, nothing streaming: pulse gap p50 / p99 / max ms",
                Samples.fmt("%.1f / %.1f / %.1f", d(idle, "gapP50"), d(idle, "gapP99"), d(idle, "gapMax"))));
        List<Map<String, String>> all = new ArrayList<>(runs);
        all.addAll(tcpRuns);
        for (Map<String, String> m : all) {
            r.detail("design run (%s): %s MB in %s s = %s MB/s, state %s, %s UI drains, %s; pulses %s: p50 %s, p99 %s, max %s ms; "
                            + "peak heap used %s MiB, peak live after GC %s MiB; %s",
                    transport(m), mb(m, "bytes"), f(m, "seconds"), f(m, "mbPerSecond"), m.get("tab0.state"), m.get("tab0.uiDrains"),
                    m.get("extra"), m.get("pulses"), f(m, "gapP50"), f(m, "gapP99"), f(m, "gapMax"),
                    f(m, "peakUsedMiB"), f(m, "peakLiveAfterGcMiB"), cpu(m));
        }
        r.detail("naive run (%s cap, 60 s time cap%s): %s MB into the TextArea in %s s = %s MB/s (the stream itself "
                        + "delivered %s MB: nothing slows it down); pulses %s: p50 %s, p99 %s, max %s ms; peak heap used %s MiB, "
                        + "peak live after GC %s MiB",
                Sizes.format(cfg.naiveBytes()), naiveTimedOut ? ", HIT" : ", not hit", mb(naive, "bytes"),
                f(naive, "seconds"), f(naive, "mbPerSecond"), mb(naive, "streamReceivedBytes"), naive.get("pulses"),
                f(naive, "gapP50"), f(naive, "gapP99"), f(naive, "gapMax"), f(naive, "peakUsedMiB"),
                f(naive, "peakLiveAfterGcMiB"));
        if (naive.containsKey("error")) {
            r.detail("naive run failed: %s", naive.get("error"));
        }
        r.detail("control: the same app window for 5 s with nothing streaming: pulses %s: p50 %s, p99 %s, max %s ms "
                + "(what the machine's load alone does to the FX pulse)", idle.get("pulses"), f(idle, "gapP50"),
                f(idle, "gapP99"), f(idle, "gapMax"));
        return r;
    }

    /** Case 7 (issue 7): N tabs streaming at once over the window's one shared channel. */
    CaseResult tabs() throws Exception {
        int n = cfg.tabs();
        String size = Sizes.format(cfg.tabBytes());
        CaseResult r = new CaseResult("7. " + n + " tabs streaming " + size + " each at once (one channel, " + fx()
                + ", -Xmx" + HEAP + ")");
        r.detail("window JVMs: %s", windowOptions());
        r.detail("%s", PageCacheWarmup.warm(n * cfg.tabBytes()));
        Map<String, String> m = child("tabs", cfg.tabBytes(), n, 300, "inprocess");
        Map<String, String> tcp = childOrFailure("tabs", cfg.tabBytes(), n, 300, "tcp");
        Map<String, String> idle = childOrFailure("idle", 0, 0, 5);
        String id = "7 " + n + " tabs × " + size;
        boolean complete = true;
        double[] perTab = new double[n];
        for (int i = 0; i < n; i++) {
            perTab[i] = d(m, "tab" + i + ".bytes") / 1e6 / d(m, "tab" + i + ".seconds");
            complete &= "COMPLETED".equals(m.get("tab" + i + ".state"));
        }
        Samples tabs = new Samples(perTab);
        double p99 = d(m, "gapP99");
        double max = d(m, "gapMax");
        double heap = d(m, "peakUsedMiB");
        r.row(BenchRow.info(id, "total MB/s; per tab min / median / max",
                Samples.fmt("%.0f%s; %.0f / %.0f / %.0f", d(m, "mbPerSecond"), complete ? "" : " (INCOMPLETE)",
                        tabs.min(), tabs.median(), tabs.max())));
        r.row(BenchRow.of(id, "FX pulse gap p50 / p99 / max ms",
                Samples.fmt("%.1f / %.1f / %.1f", d(m, "gapP50"), p99, max), "p99 < 50, max < 250",
                p99 < 50 && max < 250));
        r.row(BenchRow.of(id, "peak heap used MiB", Samples.fmt("%.0f", heap), "< 256 MB", heap * 1.048576 < 256));
        r.row(BenchRow.info(id + ", embedded server over loopback TCP", "total MB/s; pulse gap p50 / p99 / max ms",
                Samples.fmt("%.0f; %.1f / %.1f / %.1f", d(tcp, "mbPerSecond"), d(tcp, "gapP50"), d(tcp, "gapP99"),
                        d(tcp, "gapMax"))));
        r.row(BenchRow.info("7 control", "idle window, nothing streaming: pulse gap p50 / p99 / max ms",
                Samples.fmt("%.1f / %.1f / %.1f", d(idle, "gapP50"), d(idle, "gapP99"), d(idle, "gapMax"))));
        for (int i = 0; i < n; i++) {
            r.detail("tab %d: %s, %s MB in %s s = %.0f MB/s, %s UI drains", i, m.get("tab" + i + ".state"),
                    mb(m, "tab" + i + ".bytes"), f(m, "tab" + i + ".seconds"), perTab[i], m.get("tab" + i + ".uiDrains"));
        }
        r.detail("all tabs: %s MB in %s s = %s MB/s; pulses %s: p50 %s, p99 %s, max %s ms; peak heap used %s MiB, "
                        + "peak live after GC %s MiB; %s",
                mb(m, "bytes"), f(m, "seconds"), f(m, "mbPerSecond"), m.get("pulses"), f(m, "gapP50"), f(m, "gapP99"),
                f(m, "gapMax"), f(m, "peakUsedMiB"), f(m, "peakLiveAfterGcMiB"), cpu(m));
        if (!tcp.containsKey("error")) {
            r.detail("all tabs over loopback TCP: %s MB in %s s = %s MB/s; pulses %s: p50 %s, p99 %s, max %s ms; %s",
                    mb(tcp, "bytes"), f(tcp, "seconds"), f(tcp, "mbPerSecond"), tcp.get("pulses"), f(tcp, "gapP50"),
                    f(tcp, "gapP99"), f(tcp, "gapMax"), cpu(tcp));
        }
        return r;
    }

    private String windowOptions() {
        return "-Xmx" + HEAP + " -Dprism.order=sw" + (cfg.windowJvmArgs().isEmpty() ? ""
                : " " + String.join(" ", cfg.windowJvmArgs()) + " (" + BenchConfig.WINDOW_PROPERTIES
                        + "; -Dbench.windowJvmArgs=none for the JVM's defaults)");
    }

    /** A child's figures, or an "error" entry: one failing baseline must not lose the other results. */
    private Map<String, String> childOrFailure(String mode, long bytes, int tabs, int timeoutSeconds) {
        return childOrFailure(mode, bytes, tabs, timeoutSeconds, "inprocess");
    }

    private Map<String, String> childOrFailure(String mode, long bytes, int tabs, int timeoutSeconds, String transport) {
        try {
            return child(mode, bytes, tabs, timeoutSeconds, transport);
        } catch (Exception e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            System.out.println("  " + mode + " child failed: " + first);
            return new LinkedHashMap<>(Map.of("error", first));
        }
    }

    private static Map<String, String> medianRun(List<Map<String, String>> runs, double median) {
        return runs.stream().min((a, b) -> Double.compare(Math.abs(d(a, "mbPerSecond") - median),
                Math.abs(d(b, "mbPerSecond") - median))).orElseThrow();
    }

    private static Samples column(List<Map<String, String>> runs, String key) {
        return new Samples(runs.stream().mapToDouble(m -> d(m, key)).toArray());
    }

    private static double d(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    private static String f(Map<String, String> m, String key) {
        return Samples.fmt("%.1f", d(m, key));
    }

    /** CPU use of the window's JVM: a busy FX thread shows a high share, a starved one a low share with long gaps. */
    private static String cpu(Map<String, String> m) {
        return Samples.fmt("on a core: FX thread %.0f %%, render thread %.0f %% of the time; the JVM kept %.2f cores busy, "
                        + "%.1f CPU-s per GiB; CPU-s by thread: %s",
                d(m, "fxCpuPercent"), d(m, "renderCpuPercent"), d(m, "processCores"), d(m, "cpuSecondsPerGiB"),
                m.getOrDefault("threadCpu", "?"))
                + Samples.fmt("; pulses of %.0f ms or more: %s; GC pauses of %d ms or more: %s", ViewerApp.LONG_PULSE_MILLIS,
                        m.getOrDefault("longGaps", "?"), FxProbe.LONG_GC_MILLIS, m.getOrDefault("longGcPauses", "?"));
    }

    private static String mb(Map<String, String> m, String key) {
        return Samples.fmt("%.0f", d(m, key) / 1e6);
    }

    /** xvfb (default when there is no display), monocle, or display (the current DISPLAY). */
    static String fx() {
        String fx = System.getProperty("bench.fx", "");
        if (fx.isEmpty()) {
            boolean hasDisplay = System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank();
            fx = hasDisplay ? "display" : new File("/usr/bin/xvfb-run").canExecute() ? "xvfb" : "monocle";
        }
        return fx;
    }

    /** How the window reached its embedded server in this run. */
    private static String transport(Map<String, String> m) {
        return "tcp".equals(m.get("transport")) ? "loopback TCP" : "in-process";
    }

    /** @param transport how the window reaches its embedded server: inprocess (as the app) or tcp */
    private Map<String, String> child(String mode, long bytes, int tabs, int timeoutSeconds, String transport)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        String fx = fx();
        if (fx.equals("xvfb")) {
            cmd.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24"));
        }
        cmd.add(System.getProperty("java.home") + "/bin/java");
        cmd.add("-Xmx" + HEAP);
        cmd.add("-Dprism.order=sw");
        if (fx.equals("monocle")) {
            cmd.addAll(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.text=t2k",
                    "-Djava.awt.headless=true"));
        }
        cmd.addAll(cfg.windowJvmArgs()); // as the window's launcher gives them (naive and idle alike: only the design differs)
        // Extra JVM options for the window's JVM, {mode} replaced by design, tabs, naive or idle; e.g. a
        // flight recording: -Dbench.childArgs=-XX:StartFlightRecording=filename=/tmp/{mode}.jfr
        for (String arg : System.getProperty("bench.childArgs", "").trim().split("\\s+")) {
            if (!arg.isEmpty()) {
                cmd.add(arg.replace("{mode}", mode));
            }
        }
        cmd.add("-D" + ViewerApp.MODE + "=" + mode);
        cmd.add("-D" + ViewerApp.SIZE + "=" + bytes);
        cmd.add("-D" + ViewerApp.TABS + "=" + tabs);
        cmd.add("-D" + ViewerApp.TIMEOUT + "=" + timeoutSeconds);
        cmd.add("-D" + ViewerApp.TRANSPORT + "=" + transport);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ViewerApp.Main.class.getName()));
        System.out.println("  child JVM: " + mode + " " + Sizes.format(bytes) + (tabs > 1 ? " × " + tabs + " tabs" : "")
                + " (" + fx + ", " + transport + ")");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Map<String, String> out = new LinkedHashMap<>();
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("BENCH ") && line.indexOf('=') > 6) {
                        int eq = line.indexOf('=');
                        synchronized (out) {
                            out.put(line.substring(6, eq), line.substring(eq + 1));
                        }
                    } else if (line.startsWith(ViewerApp.STALL_PREFIX)) {
                        System.out.println(line);
                    } else if (log.length() < 20_000) {
                        log.append(line).append('\n');
                    }
                }
            } catch (java.io.IOException ignored) {
                // the child went away; its exit code tells
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds + 60L, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException(mode + " child did not finish in time; its output:\n" + log);
        }
        reader.join(5_000);
        synchronized (out) {
            if (!out.containsKey("mbPerSecond")) {
                throw new IllegalStateException(mode + " child exited " + p.exitValue() + " without figures; its output:\n"
                        + log);
            }
            return new LinkedHashMap<>(out);
        }
    }
}
