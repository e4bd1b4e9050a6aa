package org.reportviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.testing.CliProcess;

/**
 * {@code serve --reports-dir DIR --database URL} as a user runs it: a separate JVM on a free port,
 * a SQL report fetched by a second process over a real socket, and a database it cannot use refused
 * at start-up with one line and a non-zero exit.
 */
class ServeDatabaseProcessTest {

    private static final Duration EXIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void serveRunsTheSqlReportsOnADuckDbFileAndFetchGetsTheExactBytes() throws Exception {
        Path db = dir.resolve("shop.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE people AS SELECT range AS id, 'name ' || range AS name, range * 1.5 AS score "
                    + "FROM range(5)");
            s.execute("INSERT INTO people VALUES (5, 'O''Brien, \"Bob\"', NULL)");
        }
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Files.writeString(reports.resolve("people.sql"), """
                -- title: People from an id on
                -- param: min int = 0
                SELECT id, name, score FROM people WHERE id >= :min ORDER BY id
                """);
        try (CliProcess serve = CliProcess.start(dir, "serve", "--port", "0", "--grace", "1s",
                "--reports-dir", reports.toString(), "--database", "jdbc:duckdb:" + db)) {
            Matcher listening = serve.awaitStdoutLine(Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)"), EXIT);
            Path out = dir.resolve("people.csv");
            try (CliProcess fetch = CliProcess.start(dir, "fetch", "--target", "127.0.0.1:" + listening.group(1),
                    "--report", "people?min=3", "--out", out.toString(), "--quiet")) {
                assertThat(fetch.waitFor(EXIT)).as(fetch.stderr()).isZero();
            }
            assertThat(Files.readString(out, StandardCharsets.UTF_8))
                    .isEqualTo("id,name,score\n3,name 3,4.5\n4,name 4,6.0\n5,\"O'Brien, \"\"Bob\"\"\",\n");
            serve.process.destroy();
            serve.waitFor(EXIT);
            assertThat(serve.stderr()).contains("run on DuckDB jdbc:duckdb:" + db)
                    .contains("report=\"people?min=3\" start=0 completed");
        }
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndANonZeroExitWithoutThePassword() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        try (CliProcess serve = CliProcess.start(dir, Map.of("REPORT_VIEWER_DB_PASSWORD", "env-secret"), "serve",
                "--port", "0", "--reports-dir", reports.toString(),
                "--database", "jdbc:postgresql://127.0.0.1:1/shop?user=reader&password=url-secret")) {
            assertThat(serve.waitFor(EXIT)).isEqualTo(Cli.EXIT_FAILED);
            String err = serve.stderr().strip();
            assertThat(err).doesNotContain("\n").doesNotContain("url-secret").doesNotContain("env-secret")
                    .startsWith("serve: cannot use the database jdbc:postgresql://127.0.0.1:1/shop")
                    .contains("refused");
            assertThat(serve.stdout()).doesNotContain("listening");
        }
    }

    @Test
    void aUrlNoDriverTakesIsAUsageErrorOnOneLine() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        try (CliProcess serve = CliProcess.start(dir, "serve", "--port", "0", "--reports-dir", reports.toString(),
                "--database", "jdbc:nosuchdb://db.example/x")) {
            assertThat(serve.waitFor(EXIT)).isEqualTo(Cli.EXIT_USAGE);
            String err = serve.stderr().strip();
            assertThat(err.lines().filter(l -> !l.isBlank()).findFirst().orElse(""))
                    .contains("no JDBC driver takes jdbc:nosuchdb://db.example/x").contains("--driver-path");
            assertThat(serve.stdout()).doesNotContain("listening");
        }
    }
}
