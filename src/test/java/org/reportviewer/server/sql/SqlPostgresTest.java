package org.reportviewer.server.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.grpc.Status.Code;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reportviewer.server.DirectorySource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.sql.SqlCalls.Fetched;
import org.reportviewer.testing.CallRecords;
import org.reportviewer.testing.LoopbackServer;
import org.reportviewer.testing.PostgresServer;
import org.reportviewer.testing.StderrCapture;

/**
 * SQL reports on a real PostgreSQL server (started here in a scratch directory): exact rows, hostile
 * values, read-only transactions, cursors, and cancel/deadline leaving no session of ours active or
 * idle in transaction.
 */
class SqlPostgresTest {

    static final String PASSWORD = "Rep0rter-s3cret";
    static final String APP = JdbcEngine.APPLICATION_NAME;

    @TempDir
    static Path reports;
    static PostgresServer pg;
    static LoopbackServer server;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresServer.startOrSkip();
        pg.execute("CREATE TABLE sales (id int PRIMARY KEY, region text, amount numeric(10,2))",
                "INSERT INTO sales VALUES (1,'EMEA',10.50),(2,'APAC',3.00),(3,'EMEA',99.99),(4,'O''Brien; --',7.00),"
                        + "(5,'EMEA',NULL),(6,'Zürich 日本',1.00),(7,'Quote \"this\", please',2.00)",
                "CREATE SEQUENCE seq",
                "CREATE ROLE reporter LOGIN PASSWORD '" + PASSWORD + "'",
                "GRANT SELECT ON sales TO reporter",
                "GRANT USAGE ON SEQUENCE seq TO reporter");
        write("sales/by_region.sql", """
                -- title: Sales by region
                -- param: region text
                -- param: min_amount decimal = 0
                -- resume: by id
                SELECT id, region, amount FROM sales
                WHERE region = :region AND (amount >= :min_amount OR amount IS NULL) ORDER BY id
                """);
        write("types.sql", """
                -- param: t text
                -- param: i int = 42
                -- param: d decimal = 1.50
                -- param: day date = 2024-02-29
                -- param: b bool = true
                SELECT :t AS t, :i AS i, :d AS d, :day AS day, :b AS b, NULL AS n, '' AS e, $$:t$$ AS s
                """);
        write("numbers.sql", """
                -- resume: by g
                SELECT g, 'row ' || g AS label FROM generate_series(1, 300000) g ORDER BY g
                """);
        write("forever.sql", "SELECT sum(a::numeric * b) FROM generate_series(1, 1000000) a, generate_series(1, 1000000) b\n");
        write("missing.sql", "SELECT * FROM no_such_table\n");
        write("writes/cte.sql", "WITH d AS (DELETE FROM sales RETURNING id) SELECT * FROM d\n");
        write("writes/nextval.sql", "SELECT nextval('seq')\n");
        write("writes/insert.sql", "INSERT INTO sales VALUES (99, 'x', 1)\n");
        server = new LoopbackServer(ReportCatalog.standard(new DirectorySource(reports),
                SqlReportSource.database(new DirectorySource(reports), pg.url("reporter"), PASSWORD, List.of())));
    }

    static void write(String name, String sql) throws IOException {
        SqlCalls.writeReport(reports, name, sql);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void parameterisedReportGivesExactRows() {
        assertThat(SqlCalls.fetch(server.channel, "sales/by_region?region=EMEA&min_amount=10").text())
                .isEqualTo("id,region,amount\n1,EMEA,10.50\n3,EMEA,99.99\n5,EMEA,\n");
        assertThat(SqlCalls.fetch(server.channel, "sales/by_region?region=" + enc("Quote \"this\", please")).text())
                .isEqualTo("id,region,amount\n7,\"Quote \"\"this\"\", please\",2.00\n");
        assertThat(SqlCalls.fetch(server.channel, "types?t=" + enc("a,b") + "&i=-7&d=12.25&day=2024-01-31&b=false")
                .text()).isEqualTo("t,i,d,day,b,n,e,s\n\"a,b\",-7,12.25,2024-01-31,f,,\"\",:t\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EMEA' OR '1'='1", "EMEA'; DROP TABLE sales; --", "EMEA -- ", "*/ OR 1=1",
            "' UNION SELECT 1,'x',2 --", "$$", "E'\\x45MEA'", "日本"})
    void hostileTextValuesMatchOnlyLiterally(String value) {
        Fetched f = SqlCalls.fetch(server.channel, "sales/by_region?region=" + enc(value));
        assertThat(f.code()).isEqualTo(Code.OK);
        assertThat(f.text()).isEqualTo("id,region,amount\n");
        assertThat(SqlCalls.fetch(server.channel, "sales/by_region?region=" + enc("O'Brien; --")).text())
                .isEqualTo("id,region,amount\n4,O'Brien; --,7.00\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cte", "nextval", "insert"})
    void theDatabaseRefusesWritesInTheReadOnlyTransaction(String name) throws Exception {
        Fetched f = SqlCalls.fetch(server.channel, "writes/" + name);
        assertThat(f.code()).isEqualTo(Code.FAILED_PRECONDITION);
        assertThat(f.message()).containsAnyOf("read-only transaction", "may only read");
        try (var c = pg.admin(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM sales")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
    }

    @Test
    void anErrorBeforeTheFirstRowCarriesTheDatabasesMessage() {
        Fetched f = SqlCalls.fetch(server.channel, "missing");
        assertThat(f.code()).isEqualTo(Code.FAILED_PRECONDITION);
        assertThat(f.message()).contains("relation \"no_such_table\" does not exist").doesNotContain(PASSWORD);
    }

    @Test
    void resumeIsByteIdentical() {
        Fetched whole = SqlCalls.fetch(server.channel, "numbers");
        assertThat(whole.code()).isEqualTo(Code.OK);
        assertThat(whole.text()).startsWith("g,label\n1,row 1\n").endsWith("\n300000,row 300000\n");
        int start = whole.chunks().size() / 2;
        Fetched rest = SqlCalls.fetch(server.channel, "numbers", start, Duration.ofSeconds(60));
        byte[] expected = new Fetched(whole.status(), whole.chunks().subList(start, whole.chunks().size())).bytes();
        assertThat(Arrays.equals(rest.bytes(), expected)).isTrue();
    }

    @Test
    void cancelLeavesNoSessionActiveOrIdleInTransaction() throws Exception {
        SqlCalls.cancelOnceWorking(server,
                () -> Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pg.sessions(APP, "active") == 1),
                SqlPostgresTest::awaitNoSessionOfOurs);
    }

    @Test
    void deadlineLeavesNoSessionActiveOrIdleInTransaction() throws Exception {
        CallRecords records = CallRecords.on(server.server.metrics(), "forever");
        CompletableFuture<Fetched> call = SqlCalls.start(server.channel, "forever", 0, Duration.ofSeconds(2));
        assertThat(call.get(60, TimeUnit.SECONDS).code()).isEqualTo(Code.DEADLINE_EXCEEDED);
        assertThat(records.next(Duration.ofSeconds(30)).logLine()).contains("the database query was cancelled");
        awaitNoSessionOfOurs();
    }

    @Test
    void aStalledClientHoldsAnOpenCursorAndACancelClosesIt() throws Exception {
        write("stall.sql", "SELECT g, repeat('x', 60) AS pad FROM generate_series(1, 2000000) g\n");
        CallRecords records = CallRecords.on(server.server.metrics(), "stall");
        Context.CancellableContext context = Context.current().withCancellation();
        StalledCall stalled = context.call(() -> StalledCall.start(server.channel, "stall"));
        stalled.awaitFirstChunk();
        // The cursor is open and waiting: the transaction is idle, not reading the rest of the result.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pg.sessions(APP, "idle in transaction") == 1);
        context.cancel(null);
        assertThat(records.next(Duration.ofSeconds(30)).status()).isEqualTo(Code.CANCELLED);
        awaitNoSessionOfOurs();
    }

    private static void awaitNoSessionOfOurs() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> pg.sessions(
                APP, "active", "idle in transaction", "idle in transaction (aborted)") == 0);
    }

    @Test
    void anUnreachableDatabaseIsUnavailableAndNoPasswordShows() throws Exception {
        String secretInUrl = "Url-pa55-word";
        try (StderrCapture err = new StderrCapture();
                LoopbackServer down = new LoopbackServer(ReportCatalog.standard(null, SqlReportSource.database(
                        new DirectorySource(reports), "jdbc:postgresql://127.0.0.1:1/postgres?user=reporter&password="
                                + secretInUrl + "&connectTimeout=5", PASSWORD, List.of())))) {
            Fetched f = SqlCalls.fetch(down.channel, "missing");
            assertThat(f.code()).isEqualTo(Code.UNAVAILABLE);
            assertThat(f.message()).contains("cannot connect to the database").doesNotContain(secretInUrl)
                    .doesNotContain(PASSWORD);
            // The access-log line is written just after the status goes out.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> err.text().contains("report=\"missing\""));
            assertThat(err.text()).doesNotContain(secretInUrl).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithoutShowingIt() throws Exception {
        String wrong = "Wr0ng-pass-word";
        try (StderrCapture err = new StderrCapture();
                LoopbackServer refused = new LoopbackServer(ReportCatalog.standard(null, SqlReportSource.database(
                        new DirectorySource(reports), pg.url("reporter"), wrong, List.of())))) {
            Fetched f = SqlCalls.fetch(refused.channel, "missing");
            assertThat(f.code()).isEqualTo(Code.FAILED_PRECONDITION);
            assertThat(f.message()).contains("password authentication failed").doesNotContain(wrong);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> err.text().contains("report=\"missing\""));
            assertThat(err.text()).doesNotContain(wrong);
        }
    }
}
