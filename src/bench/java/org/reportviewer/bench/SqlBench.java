package org.reportviewer.bench;

import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.reportviewer.client.Channels;
import org.reportviewer.client.FetchRequest;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.StreamResult;
import org.reportviewer.client.Target;
import org.reportviewer.server.DirectorySource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.sql.SqlReportSource;
import org.reportviewer.testing.PostgresServer;

/**
 * Case 9: a 10-million-row SQL report through the server and the client ({@code fetch}'s path, into
 * /dev/null) against the engine's own CSV export of the same query in the same run: DuckDB's
 * {@code COPY (...) TO} a file, PostgreSQL's {@code COPY (...) TO STDOUT} through psql.
 */
final class SqlBench {

    static final int ROWS = 10_000_000;
    static final String DUCKDB_QUERY = "SELECT range AS id, 'customer-' || (range % 100000) AS customer, "
            + "(range % 366) AS day_of_year, ((range * 7919) % 100000) / 100.0 AS amount FROM range(" + ROWS + ")";
    static final String PG_QUERY = "SELECT g AS id, 'customer-' || (g % 100000) AS customer, "
            + "(g % 366) AS day_of_year, ((g * 7919) % 100000) / 100.0 AS amount FROM generate_series(0::bigint, "
            + (ROWS - 1) + ") g";

    private SqlBench() {}

    static CaseResult run(BenchConfig cfg) throws Exception {
        CaseResult r = new CaseResult("9. SQL report of " + ROWS / 1_000_000 + " million rows: fetch vs the engine's own CSV export");
        Path dir = Files.createTempDirectory("bench-sql-");
        Files.writeString(dir.resolve("duck.sql"), DUCKDB_QUERY + "\n");
        Files.writeString(dir.resolve("pg.sql"), PG_QUERY + "\n");
        duckDb(cfg, r, dir);
        PostgresServer pg;
        try {
            pg = PostgresServer.startOrSkip();
        } catch (Throwable e) {
            r.detail("PostgreSQL not measured: %s", e.getMessage());
            return r;
        }
        try (pg) {
            postgres(cfg, r, dir, pg);
        } catch (Exception e) {
            r.detail("PostgreSQL side failed: %s", e.getMessage()); // keeps the DuckDB rows
        }
        return r;
    }

    private static void duckDb(BenchConfig cfg, CaseResult r, Path dir) throws Exception {
        DirectorySource reports = new DirectorySource(dir);
        Measure ours = new Measure();
        Measure engine = new Measure();
        try (ReportServer server = new ReportServer(ReportServer.netty("127.0.0.1", 0),
                ReportCatalog.standard(reports, SqlReportSource.duckDb(reports)), Duration.ofSeconds(1)).start();
                Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            ManagedChannel channel = Channels.plaintext(new Target("127.0.0.1", server.port()));
            ReportClient client = new ReportClient(channel);
            fetch(client, "duck"); // warm-up: DuckDB's start and the JIT, not measured
            Path out = dir.resolve("copy.csv");
            for (int i = 0; i < cfg.runs(); i++) {
                ours.add(fetch(client, "duck"));
                long cpu = processCpuNanos();
                long t = System.nanoTime();
                try (Statement s = duck.createStatement()) {
                    s.execute("COPY (" + DUCKDB_QUERY + ") TO '" + out + "' (HEADER)");
                }
                engine.add(new long[] {System.nanoTime() - t, Files.size(out), processCpuNanos() - cpu});
            }
            Channels.shutdown(channel);
        }
        rows(r, "9 DuckDB", "DuckDB COPY (…) TO file", ours, engine);
    }

    private static void postgres(BenchConfig cfg, CaseResult r, Path dir, PostgresServer pg) throws Exception {
        DirectorySource reports = new DirectorySource(dir);
        Measure ours = new Measure();
        Measure engine = new Measure();
        try (ReportServer server = new ReportServer(ReportServer.netty("127.0.0.1", 0),
                ReportCatalog.standard(reports, SqlReportSource.database(reports, pg.url("postgres"),
                        PostgresServer.ADMIN_PASSWORD, List.of())), Duration.ofSeconds(1)).start()) {
            ManagedChannel channel = Channels.plaintext(new Target("127.0.0.1", server.port()));
            ReportClient client = new ReportClient(channel);
            fetch(client, "pg");
            Path out = dir.resolve("psql.csv");
            for (int i = 0; i < cfg.runs(); i++) {
                ours.add(fetch(client, "pg"));
                ProcessBuilder psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", String.valueOf(pg.port()),
                        "-U", "postgres", "-d", "postgres", "-c", "COPY (" + PG_QUERY + ") TO STDOUT WITH (FORMAT csv, HEADER)")
                        .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
                psql.environment().putAll(Map.of("PGPASSWORD", PostgresServer.ADMIN_PASSWORD));
                long t = System.nanoTime();
                Process p = psql.start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("psql failed");
                }
                engine.add(new long[] {System.nanoTime() - t, Files.size(out), -1});
            }
            Channels.shutdown(channel);
        }
        rows(r, "9 PostgreSQL", "psql COPY (…) TO STDOUT", ours, engine);
    }

    /**
     * This JVM's CPU time (server, client and DuckDB's threads together; psql's own process is not
     * counted): on a machine shared with other work, CPU per row says more than wall time.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Elapsed nanoseconds, bytes and this JVM's CPU nanoseconds of one fetch of {@code id} into /dev/null. */
    private static long[] fetch(ReportClient client, String id) throws Exception {
        try (DevNullListener sink = new DevNullListener()) {
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            StreamResult result = client.fetch(FetchRequest.of(id), sink).result().get(10, TimeUnit.MINUTES);
            long elapsed = System.nanoTime() - start;
            DevNullListener.requireOk(result, id);
            return new long[] {elapsed, sink.bytes, processCpuNanos() - cpu};
        }
    }

    private static void rows(CaseResult r, String id, String engineName, Measure ours, Measure engine) {
        double ratio = ours.medianRowsPerSecond() / engine.medianRowsPerSecond();
        r.row(new BenchRow(id, "rows/s through fetch (median of " + ours.count() + ")",
                Samples.fmt("%.2f M (%.0f MB/s)", ours.medianRowsPerSecond() / 1e6, ours.medianMbps()),
                Samples.fmt("%s: %.2f M (%.0f MB/s)", engineName, engine.medianRowsPerSecond() / 1e6, engine.medianMbps()),
                Samples.fmt("%.0f %%", ratio * 100), "≥ 50 % of the export", ratio >= 0.5 ? "met" : "NOT met"));
        r.detail("%s: fetch %s; export %s (bytes %d vs %d)", id, ours, engine, ours.bytes, engine.bytes);
    }

    /** Runs of one side: seconds per run and the bytes of the last. */
    private static final class Measure {
        private final java.util.List<Double> seconds = new java.util.ArrayList<>();
        long bytes;

        private final java.util.List<String> cpuPerRow = new java.util.ArrayList<>();
        private final java.util.List<String> loads = new java.util.ArrayList<>();

        /** {elapsed ns, bytes, CPU ns of this JVM or -1 when the work ran elsewhere}. */
        void add(long[] run) {
            seconds.add(run[0] / 1e9);
            bytes = run[1];
            cpuPerRow.add(run[2] < 0 ? "n/a" : Samples.fmt("%.2f", run[2] / 1e3 / ROWS));
            loads.add(Machine.loadAverage().split(" ")[0]);
        }

        int count() {
            return seconds.size();
        }

        double medianSeconds() {
            return new Samples(seconds.stream().mapToDouble(Double::doubleValue).toArray()).median();
        }

        double medianRowsPerSecond() {
            return ROWS / medianSeconds();
        }

        double medianMbps() {
            return bytes / 1e6 / medianSeconds();
        }

        @Override
        public String toString() {
            return seconds.stream().map(s -> Samples.fmt("%.2f s", s)).toList() + ", CPU µs/row " + cpuPerRow
                    + ", 1-min load after each " + loads;
        }
    }
}
