package org.reportviewer.server.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.grpc.Status.Code;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.app.EmbeddedServer;
import org.reportviewer.client.ReportClient.Catalog;
import org.reportviewer.client.CatalogEntry;
import org.reportviewer.server.DirectorySource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.sql.SqlCalls.Fetched;
import org.reportviewer.testing.CallRecords;
import org.reportviewer.testing.LoopbackServer;

/** The shipped samples: installed into a new folder, listed with parameters, runnable; the 1 GB one streams. */
class SqlSamplesTest {

    @TempDir
    static Path reports;
    static LoopbackServer server;

    @BeforeAll
    static void start() throws Exception {
        SqlSamples.install(reports);
        server = new LoopbackServer(ReportCatalog.standard(new DirectorySource(reports)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void samplesAreListedWithTheirParameters() throws Exception {
        Catalog catalog = server.client.listReports(Duration.ofSeconds(10)).get();
        assertThat(catalog.reports()).extracting(CatalogEntry::id).contains("samples/sales_by_region",
                "samples/daily_totals", "samples/order_lines_1gb");
        CatalogEntry sales = catalog.reports().stream().filter(r -> r.id().equals("samples/sales_by_region"))
                .findFirst().orElseThrow();
        assertThat(sales.title()).startsWith("Sample: sales");
        assertThat(sales.parameters()).extracting(p -> p.name() + ":" + p.type() + "=" + p.defaultValue().orElse(""))
                .containsExactly("region:text=EMEA", "min_amount:decimal=0", "since:date=2024-01-01");
        assertThat(catalog.reports()).allSatisfy(r -> assertThat(r.title()).doesNotContain("not a valid"));
    }

    @Test
    void theAppsFirstStartPutsTheSamplesInItsNewReportsFolder(@TempDir Path home) throws Exception {
        Path fresh = home.resolve("ReportViewer/reports");
        try (EmbeddedServer embedded = new EmbeddedServer(fresh)) {
            embedded.target();
            assertThat(fresh.resolve("samples/order_lines_1gb.sql")).isRegularFile();
        }
        Path existing = java.nio.file.Files.createDirectories(home.resolve("mine"));
        try (EmbeddedServer embedded = new EmbeddedServer(existing)) {
            embedded.target();
            assertThat(existing.resolve("samples")).doesNotExist(); // a user's folder is left alone
        }
    }

    @Test
    void dailyTotalsGivesExactRows() {
        Fetched f = SqlCalls.fetch(server.channel, "samples/daily_totals?from=2024-01-06&to=2024-01-08&weekends=false");
        assertThat(f.code()).isEqualTo(Code.OK);
        // 2024-01-06/07 are a Saturday and a Sunday: only the Monday remains.
        assertThat(f.text()).startsWith("day,orders,total\n2024-01-08,").doesNotContain("2024-01-06")
                .doesNotContain("2024-01-07");
        assertThat(f.text().lines()).hasSize(2);
    }

    @Test
    void salesByRegionFiltersWithItsParameters() {
        Fetched f = SqlCalls.fetch(server.channel,
                "samples/sales_by_region?region=APAC&min_amount=999.5&since=2024-12-30");
        assertThat(f.code()).isEqualTo(Code.OK);
        List<String> lines = f.text().lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,region,day,amount");
        assertThat(lines.subList(1, lines.size())).isNotEmpty().allSatisfy(l -> {
            String[] v = l.split(",");
            assertThat(v[1]).isEqualTo("APAC");
            assertThat(v[2]).isGreaterThanOrEqualTo("2024-12-30");
            assertThat(Double.parseDouble(v[3])).isGreaterThanOrEqualTo(999.5);
        });
    }

    /**
     * A client that reads one chunk of the 10-million-row, 1 GB sample and then stalls: the server
     * stops at the flow-control windows with the cursor open, and its heap stays small.
     */
    @Test
    void aStalledClientKeepsTheServerHeapBounded() throws Exception {
        long heapBefore = usedHeapAfterGc();
        CallRecords records = CallRecords.on(server.server.metrics(), "samples/order_lines_1gb");
        Context.CancellableContext context = Context.current().withCancellation();
        StalledCall stalled = context.call(() -> StalledCall.start(server.channel, "samples/order_lines_1gb"));
        stalled.awaitFirstChunk();
        // Production stops: the chunk count stays put over a second of polls.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(new StableCount(() -> server.server.metrics().activeChunksSent().stream()
                        .mapToInt(Integer::intValue).sum()));
        int sent = server.server.metrics().activeChunksSent().stream().mapToInt(Integer::intValue).sum();
        assertThat((long) sent * CsvChunks.TARGET).as("bytes produced while stalled").isLessThan(16L << 20);
        assertThat(usedHeapAfterGc() - heapBefore).as("heap growth while stalled").isLessThan(64L << 20);
        context.cancel(null);
        assertThat(records.next(Duration.ofSeconds(30)).status()).isEqualTo(Code.CANCELLED);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** True once the counter has read the same value three times in a row. */
    private static final class StableCount implements java.util.concurrent.Callable<Boolean> {
        private final java.util.function.IntSupplier counter;
        private int last = -1;
        private int same;

        StableCount(java.util.function.IntSupplier counter) {
            this.counter = counter;
        }

        @Override
        public Boolean call() {
            int now = counter.getAsInt();
            same = now == last ? same + 1 : 0;
            last = now;
            return now > 0 && same >= 2;
        }
    }
}
