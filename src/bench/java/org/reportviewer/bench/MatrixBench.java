package org.reportviewer.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.reportviewer.server.Sizes;

/**
 * Case 8 (issue 12): the seed's own Go system as the anchor. {our client, Go client} × {our server,
 * Go server}, each a separate process as users run them, for big chunks (1 GiB / 64 KiB) and small
 * ones (1,000,000 × 100 B). The combinations run in turn, in a rotated order each round, so load
 * that comes and goes on a shared machine falls on all of them alike; medians per combination.
 * Without Go, the Go combinations are skipped and say so. Next to them runs grpc-java's floor on the Go
 * server ({@link BareClientFloor}: a client that skips every message), so that a run shows how much of
 * our client's time per message is ours and how much no grpc-java client avoids.
 */
final class MatrixBench {

    enum Combo {
        OURS_OURS("our client → our server"),
        GO_OURS("Go client → our server"),
        OURS_GO("our client → Go server"),
        GO_GO("Go client → Go server"),
        /** Not a product: {@link BareClientFloor}, grpc-java with nothing of ours per message. */
        FLOOR_GO("grpc-java floor → Go server");

        final String label;

        Combo(String label) {
            this.label = label;
        }

        boolean ourClient() {
            return this == OURS_OURS || this == OURS_GO;
        }

        boolean ourServer() {
            return this == OURS_OURS || this == GO_OURS;
        }
    }

    private record Workload(String name, long bytes, int chunk, boolean small) {
        int chunks() {
            return (int) (bytes / chunk);
        }

        String ourReportId(long size) {
            return "synthetic?size=" + size + "&chunk=" + chunk;
        }

        /** The figure per run: MB/s for big chunks, chunks/s for small ones. */
        double rate(AnchorProcesses.Fetch f) {
            return small ? f.bytes() / (double) chunk / f.streamSeconds() : f.bytes() / 1e6 / f.streamSeconds();
        }

        /** CPU seconds of one run → per million chunks (small) or per GiB (big). */
        double cpuScale() {
            return small ? 1e6 / chunks() : (double) (1L << 30) / bytes;
        }

        String unit() {
            return small ? "chunks/s" : "MB/s";
        }

        String fmt(double v) {
            return Samples.fmt(small ? "%,.0f" : "%.0f", v);
        }
    }

    /** Warm-up fetches of our server per workload, at most (each the workload's full size). */
    private static final int MAX_WARM_UPS = 5;

    private final BenchConfig cfg;

    MatrixBench(BenchConfig cfg) {
        this.cfg = cfg;
    }

    CaseResult run() throws Exception {
        CaseResult r = new CaseResult("8. The seed's Go system as the anchor: {our, Go} client × {our, Go} server");
        String goMissing = AnchorProcesses.goMissing();
        List<Combo> combos = goMissing == null ? Arrays.asList(Combo.values()) : List.of(Combo.OURS_OURS);
        if (goMissing != null) {
            r.detail("Go combinations skipped: %s", goMissing);
        }
        AnchorProcesses procs = new AnchorProcesses(cfg.clientJvmArgs(), cfg.clientLauncher(),
                Path.of("target", "bench-logs"));
        r.detail("each fetch is a new process, report to /dev/null: our `fetch --quiet` (`%s`) and"
                + " `bench/go/build/bin/seed-client -log-chunks=false -out /dev/null`;"
                + " servers: our `serve` (one JVM for the whole case) and `seed-server -sleep 0 -chunks N -chunk-size B`;"
                + " grpc-java's floor: `BareClientFloor` (src/bench), our tuned channel, every message requested at once and"
                + " skipped unread, with the CLI's JVM options (no class-data archive);"
                + " rate = bytes / the client's own stream time (total_ms; JVM start not included, JIT warm-up is);"
                + " CPU = user + system seconds of the client process (`/usr/bin/time`) and of the server process"
                + " during the fetch (`/proc`)", procs.fetchDescription());
        try (AnchorProcesses.Server ours = procs.ourServer()) {
            for (Workload w : List.of(new Workload(Sizes.format(cfg.fetchBytes()) + " / 64 KiB", cfg.fetchBytes(), 64 << 10, false),
                    new Workload(cfg.smallChunks() + " × 100 B", (long) cfg.smallChunks() * 100, 100, true))) {
                AnchorProcesses.Server go = goMissing == null ? procs.goServer(w.chunks(), w.chunk()) : null;
                try {
                    workload(r, w, combos, procs, ours, go, goMissing);
                } finally {
                    if (go != null) {
                        go.close();
                    }
                }
            }
        }
        return r;
    }

    private void workload(CaseResult r, Workload w, List<Combo> combos, AnchorProcesses procs,
            AnchorProcesses.Server ours, AnchorProcesses.Server go, String goMissing) throws Exception {
        warmUp(r, w, procs, ours, go != null);
        Map<Combo, double[]> rates = new EnumMap<>(Combo.class);
        Map<Combo, double[]> cpu = new EnumMap<>(Combo.class);
        Map<Combo, double[]> serverCpu = new EnumMap<>(Combo.class);
        Map<Combo, double[]> process = new EnumMap<>(Combo.class);
        for (Combo c : combos) {
            rates.put(c, new double[cfg.runs()]);
            cpu.put(c, new double[cfg.runs()]);
            serverCpu.put(c, new double[cfg.runs()]);
            process.put(c, new double[cfg.runs()]);
        }
        List<String> loads = new ArrayList<>();
        for (int run = 0; run < cfg.runs(); run++) {
            loads.add(Machine.loadAverage());
            for (int k = 0; k < combos.size(); k++) {
                Combo c = combos.get((k + run) % combos.size());
                AnchorProcesses.Server server = c.ourServer() ? ours : go;
                String id = c.ourServer() ? w.ourReportId(w.bytes) : "anchor";
                double serverBefore = server.cpuSeconds();
                AnchorProcesses.Fetch f = c == Combo.FLOOR_GO ? procs.floorFetch(server, id, w.chunk())
                        : c.ourClient() ? procs.ourFetch(server, id) : procs.goFetch(server, id);
                if (f.bytes() != w.bytes) {
                    throw new IllegalStateException(c.label + " delivered " + f.bytes() + " bytes, not " + w.bytes);
                }
                rates.get(c)[run] = w.rate(f);
                cpu.get(c)[run] = f.cpuSeconds();
                serverCpu.get(c)[run] = server.cpuSeconds() - serverBefore;
                process.get(c)[run] = f.processSeconds();
            }
        }
        loads.add(Machine.loadAverage());
        String id = "8 " + w.name;
        String metric = w.unit() + " (median of " + cfg.runs() + ")";
        double oo = new Samples(rates.get(Combo.OURS_OURS)).median();
        if (goMissing == null) {
            double gg = new Samples(rates.get(Combo.GO_GO)).median();
            double og = new Samples(rates.get(Combo.OURS_GO)).median();
            double go2 = new Samples(rates.get(Combo.GO_OURS)).median();
            r.row(ratioRow(id + ": our client on the Go server", metric, w, og, gg, "Go client → Go server", 1.0, "≥ 1 ×"));
            r.row(ratioRow(id + ": our server with the Go client", metric, w, go2, gg, "Go client → Go server", 1.0,
                    "≥ 1 ×"));
            BenchRow system = ratioRow(id + ": ours → ours", metric, w, oo, gg, "Go → Go", 1.0, "≥ 1 × (goal 2 ×)");
            r.row(oo / gg >= 2.0 ? new BenchRow(system.id(), system.metric(), system.ours(), system.baseline(),
                    system.ratio(), system.target(), "met, and 2 ×") : system);
            double floor = new Samples(rates.get(Combo.FLOOR_GO)).median();
            r.row(BenchRow.info(id + ": grpc-java's floor on the Go server (a client that skips every message)", metric,
                    Samples.fmt("%s = %.2f × the Go client; our client %.2f × the floor", w.fmt(floor), floor / gg,
                            og / floor)));
        } else {
            r.row(new BenchRow(id + ": ours → ours", metric, w.fmt(oo), "skipped: " + goMissing, "—", "≥ Go → Go",
                    "not measured"));
        }
        if (w.small) {
            r.row(BenchRow.of(id + ": ours → ours", "chunks/s (median of " + cfg.runs() + ")", w.fmt(oo),
                    "≥ 500,000 chunks/s", oo >= 500_000));
        }
        r.detail("**%s**, %s, medians (client → server):", w.name, w.unit());
        r.detail("| client \\ server | our server | Go server |");
        r.detail("|---|---|---|");
        r.detail("| our client | %s | %s |", w.fmt(new Samples(rates.get(Combo.OURS_OURS)).median()),
                median(rates, Combo.OURS_GO, w));
        r.detail("| Go client | %s | %s |", median(rates, Combo.GO_OURS, w), median(rates, Combo.GO_GO, w));
        String cpuUnit = w.small ? "CPU-s per million chunks" : "CPU-s per GiB";
        r.detail("**%s**, CPU, medians, %s, client / server:", w.name, cpuUnit);
        r.detail("| client \\ server | our server | Go server |");
        r.detail("|---|---|---|");
        r.detail("| our client | %s | %s |", cpuCell(cpu, serverCpu, Combo.OURS_OURS, w),
                cpuCell(cpu, serverCpu, Combo.OURS_GO, w));
        r.detail("| Go client | %s | %s |", cpuCell(cpu, serverCpu, Combo.GO_OURS, w),
                cpuCell(cpu, serverCpu, Combo.GO_GO, w));
        r.detail("| grpc-java floor | — | %s |", cpuCell(cpu, serverCpu, Combo.FLOOR_GO, w));
        for (Combo c : combos) {
            Samples s = new Samples(rates.get(c));
            r.detail("%s — %s per run (sorted): %s; client CPU %s, server CPU %s (median, %s); client process wall"
                            + " %.2f s (median)",
                    c.label, w.unit(), s.list(w.small ? "%,.0f" : "%.0f"),
                    Samples.fmt("%.2f", new Samples(cpu.get(c)).median() * w.cpuScale()),
                    Samples.fmt("%.2f", new Samples(serverCpu.get(c)).median() * w.cpuScale()),
                    cpuUnit, new Samples(process.get(c)).median());
        }
        r.detail("load average (1/5/15 min) before each round and after the last: %s", String.join("; ", loads));
    }

    /**
     * Warms our long-running server's JIT, as a deployed server would be; not measured. One short
     * fetch was not enough: after 256 MiB the server still spent ~8 CPU-s compiling during the first
     * measured 1 GiB and ~3 during the second (C2 compiles the per-chunk path only after many calls),
     * so whichever combinations came first in the rotation met a server at a third of its speed — the
     * 233–514 MB/s spread of ours → ours. So: full-size fetches until the server's CPU for one levels
     * off (within 15 % of the one before), at most {@link #MAX_WARM_UPS}.
     */
    private static void warmUp(CaseResult r, Workload w, AnchorProcesses procs, AnchorProcesses.Server ours,
            boolean goClient) throws Exception {
        List<String> spent = new ArrayList<>();
        double previous = Double.NaN;
        for (int i = 0; i < MAX_WARM_UPS; i++) {
            double before = ours.cpuSeconds();
            if (goClient) {
                procs.goFetch(ours, w.ourReportId(w.bytes));
            } else {
                procs.ourFetch(ours, w.ourReportId(w.bytes));
            }
            double cpu = ours.cpuSeconds() - before;
            spent.add(Samples.fmt("%.2f", cpu));
            if (Math.abs(cpu - previous) <= 0.15 * previous) {
                break;
            }
            previous = cpu;
        }
        r.detail("%s: our server warmed by %d full-size fetches first (server CPU-s each: %s)", w.name, spent.size(),
                String.join(", ", spent));
    }

    private static String cpuCell(Map<Combo, double[]> client, Map<Combo, double[]> server, Combo c, Workload w) {
        if (client.get(c) == null) {
            return "skipped";
        }
        return Samples.fmt("%.2f / %.2f", new Samples(client.get(c)).median() * w.cpuScale(),
                new Samples(server.get(c)).median() * w.cpuScale());
    }

    private static String median(Map<Combo, double[]> rates, Combo c, Workload w) {
        double[] v = rates.get(c);
        return v == null ? "skipped" : w.fmt(new Samples(v).median());
    }

    private static BenchRow ratioRow(String id, String metric, Workload w, double ours, double base, String baseName,
            double target, String targetText) {
        double ratio = ours / base;
        return new BenchRow(id, metric, w.fmt(ours), w.fmt(base) + " (" + baseName + ")",
                Samples.fmt("%.2f ×", ratio), targetText, ratio >= target ? "met" : "NOT met");
    }
}
