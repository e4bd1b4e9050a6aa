package org.reportviewer.server.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.grpc.Status.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reportviewer.server.CallRecord;
import org.reportviewer.server.DirectorySource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.sql.SqlCalls.Fetched;
import org.reportviewer.testing.CallRecords;
import org.reportviewer.testing.LoopbackServer;

/** DuckDB in-process: read-only, errors, cancel and deadline stopping the engine, resume. */
class SqlEngineBehaviourTest {

    /** Hours of work and not one row until it is done: a cross join of a million by a million. */
    static final String FOREVER = "SELECT sum(a.range * b.range) AS s FROM range(1000000) a, range(1000000) b\n";

    /**
     * Rows at once, then hours between rows: the query is past its start and the engine works inside a
     * chunk fetch, which a statement's cancel does not reach.
     */
    static final String SPARSE = "SELECT range AS x, repeat('x', 500) AS pad FROM range(1000000000000)\n"
            + "WHERE range < 20000 OR hash(range) % 1000000000000 = 7\n";

    @TempDir
    static Path base;
    static Path reports;
    static LoopbackServer server;

    @BeforeAll
    static void start() throws IOException {
        reports = Files.createDirectories(base.resolve("reports"));
        write("forever.sql", FOREVER);
        write("numbers.sql", """
                -- param: n int = 300000
                -- resume: by id
                SELECT range AS id, 'row ' || range AS label, range * 0.5 AS half FROM range(:n) ORDER BY id
                """);
        write("sparse.sql", SPARSE);
        write("unordered.sql", "SELECT range AS id FROM range(200000)\n");
        write("missing_table.sql", "SELECT * FROM no_such_table\n");
        write("fails_midway.sql", """
                SELECT CASE WHEN range < 20000000 THEN range ELSE error('boom at ' || range) END AS x
                FROM range(30000000)
                """);
        write("writes/create.sql", "CREATE TABLE stolen AS SELECT 1 AS x\n");
        write("writes/copy.sql", "COPY (SELECT 42) TO 'written.csv'\n");
        write("writes/two.sql", "SELECT 1; CREATE TABLE stolen2 (x INT)\n");
        write("writes/attach.sql", "ATTACH 'other.duckdb' AS other\n");
        write("writes/install.sql", "INSTALL httpfs\n");
        write("writes/set.sql", "SET threads = 1\n");
        write("writes/insert.sql", "INSERT INTO t VALUES (1)\n");
        write("tables.sql", "SELECT count(*) AS n FROM duckdb_tables()\n");
        server = new LoopbackServer(ReportCatalog.standard(new DirectorySource(reports)));
        // DuckDB starts with the first SQL report (it unpacks its native library): not inside a timed test.
        assertThat(SqlCalls.fetch(server.channel, "tables").code()).isEqualTo(Code.OK);
    }

    static void write(String name, String sql) throws IOException {
        SqlCalls.writeReport(reports, name, sql);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "copy", "two", "attach", "install", "set", "insert"})
    void reportsThatWriteAreRefusedBeforeAnythingRuns(String name) {
        Fetched f = SqlCalls.fetch(server.channel, "writes/" + name);
        assertThat(f.code()).as(f.toString()).isEqualTo(Code.FAILED_PRECONDITION);
        assertThat(f.message()).containsAnyOf("may only read", "one statement");
        assertThat(reports.resolve("written.csv")).doesNotExist();
        assertThat(reports.resolve("other.duckdb")).doesNotExist();
        assertThat(SqlCalls.fetch(server.channel, "tables").text()).isEqualTo("n\n0\n");
    }

    @Test
    void anErrorBeforeTheFirstRowIsAClearStatus() {
        Fetched f = SqlCalls.fetch(server.channel, "missing_table");
        assertThat(f.code()).isEqualTo(Code.FAILED_PRECONDITION);
        assertThat(f.message()).contains("report 'missing_table': database error: Catalog Error")
                .contains("no_such_table").doesNotContain("\n").doesNotContain("at org.");
        assertThat(f.chunks()).isEmpty();
    }

    @Test
    void aFailureMidStreamEndsTheStreamWithItsStatus() {
        Fetched f = SqlCalls.fetch(server.channel, "fails_midway");
        assertThat(f.chunks()).isNotEmpty();
        assertThat(f.code()).isNotEqualTo(Code.OK);
        assertThat(f.message()).contains("boom at 20000000");
        assertThat(f.text()).startsWith("x\n");
    }

    @Test
    void cancelStopsTheEngineAtOnce() throws Exception {
        SqlCalls.cancelOnceWorking(server, SqlEngineBehaviourTest::awaitBusy, SqlEngineBehaviourTest::awaitEngineIdle);
    }

    @Test
    void deadlineStopsTheEngine() throws Exception {
        CallRecords records = CallRecords.on(server.server.metrics(), "forever");
        CompletableFuture<Fetched> call = SqlCalls.start(server.channel, "forever", 0, Duration.ofSeconds(3));
        awaitBusy();
        assertThat(call.get(30, TimeUnit.SECONDS).code()).isEqualTo(Code.DEADLINE_EXCEEDED);
        CallRecord record = records.next(Duration.ofSeconds(30));
        // The server's own deadline timer and the client's RST_STREAM race: either way the query stops.
        assertThat(record.status()).isIn(Code.DEADLINE_EXCEEDED, Code.CANCELLED);
        assertThat(record.logLine()).contains("the database query was cancelled");
        awaitEngineIdle();
    }

    @Test
    void aCancelWhileRowsAreFetchedStopsTheEngine() throws Exception {
        CallRecords records = CallRecords.on(server.server.metrics(), "sparse");
        AtomicInteger received = new AtomicInteger();
        Context.CancellableContext context = Context.current().withCancellation();
        CompletableFuture<Fetched> call = context.call(() -> SqlCalls.start(server.channel, "sparse", 0,
                Duration.ofHours(2), received));
        // The first rows came: the query is past its start, DuckDB now searches for the next rows.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> received.get() > 0);
        awaitBusy();
        context.cancel(null);
        CallRecord record = records.next(Duration.ofSeconds(30));
        assertThat(record.status()).isEqualTo(Code.CANCELLED);
        assertThat(record.logLine()).contains("the database query was cancelled");
        awaitEngineIdle();
        assertThat(call.get(10, TimeUnit.SECONDS).code()).isEqualTo(Code.CANCELLED);
    }

    /**
     * The work is really running, so the idle check below could fail: the process uses a good share of
     * a core (on a machine shared with other builds DuckDB gets less than its two threads' worth).
     */
    static void awaitBusy() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> CpuMeter.coresBusyOver(300) > 0.2);
    }

    /**
     * The process comes to use (almost) no CPU: DuckDB's worker threads have stopped (a query left
     * running would keep them busy for ever). A condition, not a time limit: how fast is the benchmark's.
     */
    static void awaitEngineIdle() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> CpuMeter.coresBusyOver(200) < 0.08);
    }

    @Test
    void resumeIsByteIdenticalForAReportOrderedOnAUniqueKey() {
        Fetched whole = SqlCalls.fetch(server.channel, "numbers");
        assertThat(whole.code()).isEqualTo(Code.OK);
        assertThat(whole.chunks().size()).isGreaterThan(5);
        assertThat(whole.chunks().get(0).length).isBetween(64 << 10, (64 << 10) + 100);
        assertThat(whole.text()).startsWith("id,label,half\n0,row 0,0.0\n1,row 1,0.5\n")
                .endsWith("\n299999,row 299999,149999.5\n");
        for (int start : new int[] {1, 3, whole.chunks().size() - 1}) {
            Fetched rest = SqlCalls.fetch(server.channel, "numbers", start, Duration.ofSeconds(60));
            assertThat(rest.code()).isEqualTo(Code.OK);
            byte[] expected = new SqlCalls.Fetched(whole.status(), whole.chunks().subList(start, whole.chunks().size()))
                    .bytes();
            assertThat(Arrays.equals(rest.bytes(), expected)).as("resume from chunk " + start).isTrue();
        }
        Fetched past = SqlCalls.fetch(server.channel, "numbers", whole.chunks().size() + 3, Duration.ofSeconds(60));
        assertThat(past.code()).isEqualTo(Code.OUT_OF_RANGE);
    }

    @Test
    void resumeOfAnUnorderedReportIsRefusedSayingWhy() {
        Fetched f = SqlCalls.fetch(server.channel, "unordered", 1, Duration.ofSeconds(60));
        assertThat(f.code()).isEqualTo(Code.FAILED_PRECONDITION);
        assertThat(f.message()).contains("cannot resume from chunk 1").contains("resume: by");
        assertThat(f.chunks()).isEmpty();
    }
}
