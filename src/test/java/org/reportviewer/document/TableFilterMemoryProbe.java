package org.reportviewer.document;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Iterator;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.reportviewer.proto.ReportChunk;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.proto.ReportServiceGrpc;

/**
 * Runs in its own JVM (the test gives it {@code -Xmx256m}): streams a report from a real server into a
 * {@link ReportDocument} while a {@link CsvTable} indexes its rows, a line filter that matches every
 * line and a column filter run, and a "view" reads random windows of rows and of filtered lines the
 * way the window would. Prints one {@code MEMORY} line with the figures; exits non-zero on any error
 * (an OutOfMemoryError included).
 *
 * <p>Arguments: port, report id.
 */
public final class TableFilterMemoryProbe {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private TableFilterMemoryProbe() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String report = args[1];
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .maxInboundMessageSize(8 << 20).build();
        long started = System.nanoTime();
        long maxLiveAfterGc = 0;
        try (ReportDocument doc = ReportDocument.createTemp()) {
            CsvTable table = new CsvTable(doc, pool, () -> { });
            FilterModel lines = new FilterModel(new DocumentLines(doc), pool, () -> { });
            // "," is in every line: the worst case for the match list (16 M matches for 1 GiB).
            lines.setQuery(new FilterQuery(",", false, false, FilterQuery.ANY_COLUMN));
            FilterModel rows = null;
            Random rnd = new Random(1);
            long chunks = 0;
            Iterator<ReportChunk> it = ReportServiceGrpc.newBlockingStub(channel)
                    .generateReport(ReportRequest.newBuilder().setReportId(report).build());
            while (it.hasNext()) {
                doc.append(it.next().getData());
                chunks++;
                table.sourceChanged(false);
                lines.sourceChanged(false);
                if (rows == null && table.index() != null) {
                    rows = new FilterModel(table.index(), pool, () -> { });
                    rows.setQuery(new FilterQuery("apac", false, false, 2));
                }
                if (rows != null) {
                    rows.sourceChanged(false);
                }
                if (chunks % 64 == 0) {
                    readLikeAView(doc, table, lines, rows, rnd);
                }
                if (chunks % 2048 == 0) {
                    maxLiveAfterGc = Math.max(maxLiveAfterGc, liveAfterGc());
                }
            }
            table.sourceChanged(true);
            lines.sourceChanged(true);
            FilterModel rowFilter = rows;
            rowFilter.sourceChanged(true);
            while (!lines.progress().caughtUp() || !rowFilter.progress().caughtUp()
                    || table.rowCount() + 1 < doc.completeLineCount()) {
                Thread.onSpinWait();
                readLikeAView(doc, table, lines, rowFilter, rnd);
                table.sourceChanged(true);
                rowFilter.sourceChanged(true); // rows indexed after the stream ended are filtered too
            }
            maxLiveAfterGc = Math.max(maxLiveAfterGc, liveAfterGc());
            long peakUsed = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("MEMORY bytes=%d lines=%d rows=%d lineMatches=%d rowMatches=%d "
                            + "matchFileBytes=%d maxLiveHeapAfterGcMiB=%.1f peakHeapUsedMiB=%.1f maxHeapMiB=%d seconds=%.1f%n",
                    doc.byteCount(), doc.lineCount(), table.rowCount(), lines.progress().matches(),
                    rowFilter.progress().matches(), lines.matches().spilledBytes(),
                    maxLiveAfterGc / 1048576.0, peakUsed / 1048576.0,
                    Runtime.getRuntime().maxMemory() >> 20, (System.nanoTime() - started) / 1e9);
            lines.close();
            rowFilter.close();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            pool.shutdownNow();
        }
    }

    private static void readLikeAView(ReportDocument doc, CsvTable table, FilterModel lines, FilterModel rows,
                                      Random rnd) {
        long n = table.rowCount();
        if (n > 0) {
            table.index().rows((long) (rnd.nextDouble() * n), 60);
            table.widths();
        }
        MatchList m = lines.matches();
        long k = m.size();
        if (k > 0) {
            long first = (long) (rnd.nextDouble() * k);
            for (long i = first; i < Math.min(k, first + 60); i++) {
                doc.line(m.get(i));
            }
        }
        if (rows != null && rows.matches().size() > 0) {
            table.index().rows(rows.matches().get(rows.matches().size() - 1), 1);
        }
    }

    private static long liveAfterGc() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
