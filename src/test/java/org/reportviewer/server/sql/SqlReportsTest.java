package org.reportviewer.server.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status.Code;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.math.BigDecimal;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBPreparedStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reportviewer.client.ReportClient.Catalog;
import org.reportviewer.client.CatalogEntry;
import org.reportviewer.server.DirectorySource;
import org.reportviewer.server.Report;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.sql.SqlCalls.Fetched;
import org.reportviewer.testing.LoopbackServer;

/**
 * SQL reports on DuckDB in-process, end to end over a real server on loopback: exact bytes for
 * parameterised reports, the catalog, hostile parameter values, read-only, paths.
 */
class SqlReportsTest {

    /** Every kind of column, NULLs in each, over more than one DuckDB data chunk (2,048 rows). */
    static final String COLUMN_TYPES = """
            SELECT range AS id, (range - 3000)::INTEGER AS "in ""quotes""\", (range % 300 - 150)::SMALLINT AS s,
                   (range % 200 - 100)::TINYINT AS t, (range % 250)::UTINYINT AS ut, range::USMALLINT AS us,
                   range::UINTEGER AS ui, CASE WHEN range % 3 = 0 THEN NULL ELSE range % 2 = 0 END AS b,
                   CASE WHEN range % 5 = 0 THEN NULL ELSE range - 9223372036854775807 END AS big,
                   CASE range % 4 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'a,"b"' ELSE 'Zürich
            日本 ' || range END AS v,
                   range / 7 AS dbl, (range / 8)::DECIMAL(12,3) AS dec, DATE '2024-02-28' + range::INTEGER AS day,
                   TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (range) SECOND AS ts, [range, NULL] AS list,
                   {'k': range} AS st, (range * 1000000000000)::HUGEINT AS huge, 0.1 * range AS small,
                   (((range % 1999) - 999) / 10)::DECIMAL(4,1) AS d16, (((range % 2001) - 1000) / 1000)::DECIMAL(9,4) AS d32,
                   (range - 2500)::DECIMAL(18,0) AS d64s0, (((range % 19) - 9) / 7)::DECIMAL(18,17) AS d64,
                   CASE WHEN range % 7 = 0 THEN NULL ELSE ((range - 2500) / 3)::DECIMAL(38,10) END AS d128,
                   repeat('é', (range % 3)::INTEGER) || repeat('x', (range % 5 + 9)::INTEGER) AS around_12_bytes
            FROM range(5000) ORDER BY id
            """;

    /** Every type a parameter can have, in typed columns with NULLs, read as DuckDB's chunks (not as VARCHAR). */
    static final String TYPED_PARAMS = """
            SELECT range AS id, range * :n AS times, (range * :d)::DECIMAL(12,3) AS dec, :d AS d, :d - range AS wide,
                   :day + range::INTEGER AS day, CASE WHEN range % 3 = 0 THEN NULL ELSE :t || range END AS txt,
                   CASE WHEN range % 4 = 0 THEN NULL ELSE (range % 2 = 0) = :b END AS b
            FROM range(3000) WHERE range >= :n ORDER BY id
            """;

    @TempDir
    static Path base;
    static Path reports;
    static LoopbackServer server;

    @BeforeAll
    static void start() throws IOException {
        reports = Files.createDirectories(base.resolve("reports"));
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.createDirectories(reports.resolve("data"));
        Files.createDirectories(reports.resolve("sales"));
        Files.writeString(reports.resolve("data/sales.csv"), """
                id,region,amount
                1,EMEA,10.50
                2,APAC,3.00
                3,EMEA,99.99
                4,O'Brien; --,7.00
                5,EMEA,
                6,Zürich 日本,1.00
                7,"Quote ""this"", please",2.00
                """);
        Files.writeString(reports.resolve("sales/by_region.sql"), """
                -- title: Sales by region
                -- param: region text
                -- param: min_amount decimal = 0
                -- resume: by id
                SELECT id, region, amount::DECIMAL(10,2) AS amount FROM read_csv('data/sales.csv')
                WHERE region = :region AND (amount >= :min_amount OR amount IS NULL) ORDER BY id
                """);
        Files.writeString(reports.resolve("types.sql"), """
                -- title: Every parameter type
                -- param: t text
                -- param: i int = 42
                -- param: d decimal = 1.50
                -- param: day date = 2024-02-29
                -- param: b bool = true
                SELECT :t AS t, :i AS i, :d AS d, :day AS day, :b AS b, NULL AS n, '' AS e,
                       ':t inside a string' AS s -- and :t in a comment
                       /* :i here too */, 'it''s' AS q, 'line
                two' AS nl
                """);
        Files.writeString(reports.resolve("column_types.sql"), COLUMN_TYPES);
        Files.writeString(reports.resolve("typed_params.sql"), """
                -- param: n int
                -- param: d decimal
                -- param: day date
                -- param: t text
                -- param: b bool
                """ + TYPED_PARAMS);
        Files.writeString(outside.resolve("secret.sql"), "SELECT 'outside' AS x\n");
        Files.createSymbolicLink(reports.resolve("link-out.sql"), outside.resolve("secret.sql"));
        server = new LoopbackServer(ReportCatalog.standard(new DirectorySource(reports)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void everyColumnTypeIsWrittenAsDuckDbsOwnCsvExportWritesIt() throws Exception {
        Path export = base.resolve("column_types.csv");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("COPY (" + COLUMN_TYPES + ") TO '" + export + "' (HEADER)");
        }
        Fetched f = SqlCalls.fetch(server.channel, "column_types");
        assertThat(f.code()).as(f.toString()).isEqualTo(Code.OK);
        assertThat(f.text()).isEqualTo(Files.readString(export));
    }

    @Test
    void parameterisedReportIsWrittenAsCopyWritesTheSameQueryWithLiterals() throws Exception {
        Path export = base.resolve("typed_params.csv");
        String literals = TYPED_PARAMS.replace(":day", "DATE '2024-01-31'").replace(":n", "5").replace(":d", "12.25")
                .replace(":t", "'say \"hi\", ok '").replace(":b", "false");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("COPY (" + literals + ") TO '" + export + "' (HEADER)");
        }
        Fetched f = SqlCalls.fetch(server.channel, "typed_params?n=5&d=12.25&day=2024-01-31&t="
                + enc("say \"hi\", ok ") + "&b=false");
        assertThat(f.code()).as(f.toString()).isEqualTo(Code.OK);
        assertThat(f.text()).isEqualTo(Files.readString(export));
    }

    @Test
    void parameterisedReportIsReadAsTypedColumns() throws Exception {
        SqlText query = SqlText.parse(TYPED_PARAMS, Set.of("n", "d", "day", "t", "b"));
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbEngine.IN_MEMORY, reports);
                Connection connection = engine.connect();
                PreparedStatement ps = engine.prepare(connection, query,
                        bound -> {
                            Map<String, Object> values = Map.of("n", 5L, "d", new BigDecimal("12.25"),
                                    "day", LocalDate.of(2024, 1, 31), "t", "x", "b", false);
                            for (int i = 0; i < query.parameterOrder().size(); i++) {
                                bound.setObject(i + 1, values.get(query.parameterOrder().get(i)));
                            }
                        });
                DuckDBChunkedResult result = ps.unwrap(DuckDBPreparedStatement.class).query()) {
            assertThat(result.nextChunk()).isTrue();
            List<DuckDBColumnType> types = new ArrayList<>();
            for (int c = 0; c < result.columnCount(); c++) {
                types.add(result.chunk().vector(c).getType());
            }
            // Integers, decimals of up to 18 digits and booleans as DuckDB holds them; a wider DECIMAL and a
            // DATE cast to DuckDB's own text in the engine.
            assertThat(types).containsExactly(DuckDBColumnType.BIGINT, DuckDBColumnType.BIGINT, DuckDBColumnType.DECIMAL,
                    DuckDBColumnType.DECIMAL, DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR,
                    DuckDBColumnType.BOOLEAN);
        }
    }

    @Test
    void closingAReportMidwayEndsItsFetcherThread() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (SqlReportSource source = SqlReportSource.duckDb(new DirectorySource(reports));
                Report report = source.open("column_types").orElseThrow()) {
            assertThat(report.chunk(0).size()).isGreaterThan(0); // the fetcher is now ahead, waiting to hand over
        }
        // close() interrupts the query and joins the fetcher: no thread of this report outlives it.
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> !before.contains(t))
                .noneMatch(t -> t.getName().startsWith("duckdb-read-ahead-"));
    }

    @Test
    void parameterisedReportGivesExactRows() {
        Fetched f = SqlCalls.fetch(server.channel, "sales/by_region?region=EMEA&min_amount=10");
        assertThat(f.code()).isEqualTo(Code.OK);
        assertThat(f.text()).isEqualTo("id,region,amount\n1,EMEA,10.50\n3,EMEA,99.99\n5,EMEA,\n");

        Fetched defaults = SqlCalls.fetch(server.channel, "sales/by_region?region=EMEA");
        assertThat(defaults.text()).isEqualTo("id,region,amount\n1,EMEA,10.50\n3,EMEA,99.99\n5,EMEA,\n");

        Fetched quoted = SqlCalls.fetch(server.channel, "sales/by_region?region=" + enc("Quote \"this\", please"));
        assertThat(quoted.text()).isEqualTo("id,region,amount\n7,\"Quote \"\"this\"\", please\",2.00\n");
    }

    @Test
    void everyTypeIsBoundAndWrittenInTheEnginesTextForm() {
        Fetched f = SqlCalls.fetch(server.channel, "types?t=" + enc("a,b") + "&i=-7&d=12.25&day=2024-01-31&b=false");
        assertThat(f.code()).isEqualTo(Code.OK);
        assertThat(f.text()).isEqualTo("t,i,d,day,b,n,e,s,q,nl\n"
                + "\"a,b\",-7,12.25,2024-01-31,false,,\"\",:t inside a string,it's,\"line\ntwo\"\n");
        Fetched defaults = SqlCalls.fetch(server.channel, "types?t=x");
        assertThat(defaults.text()).isEqualTo("t,i,d,day,b,n,e,s,q,nl\n"
                + "x,42,1.50,2024-02-29,true,,\"\",:t inside a string,it's,\"line\ntwo\"\n");
    }

    @Test
    void catalogListsTitlesAndParameters() throws Exception {
        Catalog catalog = server.client.listReports(Duration.ofSeconds(10)).get();
        CatalogEntry sales = catalog.reports().stream().filter(r -> r.id().equals("sales/by_region")).findFirst()
                .orElseThrow();
        assertThat(sales.title()).isEqualTo("Sales by region");
        assertThat(sales.parameters()).containsExactly(
                new CatalogEntry.Parameter("region", "text", Optional.empty()),
                new CatalogEntry.Parameter("min_amount", "decimal", Optional.of("0")));
        assertThat(catalog.reports()).extracting(CatalogEntry::id)
                .contains("types", "data/sales.csv")
                .doesNotContain("sales/by_region.sql", "link-out");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EMEA' OR '1'='1", "EMEA'; DROP TABLE x; --", "EMEA -- ", "EMEA/*", "*/ OR 1=1",
            "' UNION SELECT 1,2,3 --", "Zürich", "日本", ":region", "?", "%", "\\'"})
    void hostileTextValuesMatchOnlyLiterally(String value) {
        Fetched f = SqlCalls.fetch(server.channel, "sales/by_region?region=" + enc(value));
        assertThat(f.code()).isEqualTo(Code.OK);
        assertThat(f.text()).isEqualTo("id,region,amount\n");
    }

    @Test
    void hostileValuesThatExistMatchExactlyThatRow() {
        assertThat(SqlCalls.fetch(server.channel, "sales/by_region?region=" + enc("O'Brien; --")).text())
                .isEqualTo("id,region,amount\n4,O'Brien; --,7.00\n");
        assertThat(SqlCalls.fetch(server.channel, "sales/by_region?region=" + enc("Zürich 日本")).text())
                .isEqualTo("id,region,amount\n6,Zürich 日本,1.00\n");
        String huge = "EMEA".repeat(200);
        assertThat(SqlCalls.fetch(server.channel, "sales/by_region?region=" + huge).text())
                .isEqualTo("id,region,amount\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sales/by_region|parameter 'region' (text) is required",
            "sales/by_region?region=EMEA&min_amount=abc|parameter 'min_amount': 'abc' is not a decimal",
            "sales/by_region?region=EMEA&min_amount=1e5|parameter 'min_amount'",
            "sales/by_region?region=EMEA&min_amount=" + "9" + "|OK",
            "sales/by_region?region=EMEA&min_amount=1;DROP|parameter 'min_amount'",
            "sales/by_region?region=EMEA&limit=5|unknown parameter 'limit'",
            "sales/by_region?region=EMEA&region=APAC|parameter 'region' is given twice",
            "sales/by_region?region=%zz|parameter 'region': '%' must be followed by two hex digits",
            "sales/by_region?region=%C3%28|parameter 'region' is not valid UTF-8",
            "sales/by_region?region=a%00b|parameter 'region' contains a NUL",
            "sales/by_region?region|'region' is not name=value",
            "types?t=x&i=1.5|parameter 'i': '1.5' is not a whole number",
            "types?t=x&i=99999999999999999999|parameter 'i'",
            "types?t=x&day=2024-02-30|parameter 'day': '2024-02-30' is not a date",
            "types?t=x&b=yes|parameter 'b': 'yes' is not true or false",
    })
    void badParametersAreInvalidArgumentNamingTheParameter(String spec) {
        String[] parts = spec.split("\\|");
        Fetched f = SqlCalls.fetch(server.channel, parts[0]);
        if (parts[1].equals("OK")) {
            assertThat(f.code()).isEqualTo(Code.OK);
            return;
        }
        assertThat(f.code()).as(f.toString()).isEqualTo(Code.INVALID_ARGUMENT);
        assertThat(f.message()).contains(parts[1]);
        assertThat(f.chunks()).isEmpty();
    }

    @Test
    void pathsAreCheckedLikeOtherFiles() {
        Fetched up = SqlCalls.fetch(server.channel, "../outside/secret");
        assertThat(up.code()).isEqualTo(Code.INVALID_ARGUMENT);
        Fetched link = SqlCalls.fetch(server.channel, "link-out");
        assertThat(link.code()).isEqualTo(Code.NOT_FOUND);
        assertThat(link.text()).doesNotContain("outside");
        Fetched encoded = SqlCalls.fetch(server.channel, "sales/..%2F..%2Foutside/secret");
        assertThat(encoded.code()).isIn(Code.NOT_FOUND, Code.INVALID_ARGUMENT);
    }

    @Test
    void theQueryTextStaysAFile() {
        Fetched f = SqlCalls.fetch(server.channel, "sales/by_region.sql");
        assertThat(f.code()).isEqualTo(Code.OK);
        assertThat(f.text()).startsWith("-- title: Sales by region\n");
    }

    static List<String> unused() {
        return List.of();
    }
}
