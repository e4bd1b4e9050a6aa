package org.reportviewer.document;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.ServerConfig;
import org.reportviewer.server.SyntheticSource;
import org.reportviewer.server.SyntheticText;
import org.reportviewer.testing.SyntheticRows;

/**
 * The table index and two filters on a streaming report, in a JVM with {@code -Xmx256m}: finishing at
 * all is the memory check (a list of rows or of matches would not fit), and the counts must be exact.
 * Every build runs a 32 MiB report; {@code -Pload} the full 1 GiB (figures in BENCHMARKS.md).
 */
class TableFilterMemoryTest {

    private static final Pattern FIGURES = Pattern.compile(
            "MEMORY bytes=(\\d+) lines=(\\d+) rows=(\\d+) lineMatches=(\\d+) rowMatches=(\\d+) .*");

    @Test
    void tableAndFiltersOn32MiBWithin256MiB() throws Exception {
        run("32MiB", 32L << 20, Duration.ofMinutes(5));
    }

    @Test
    @Tag("load")
    void tableAndFiltersOn1GiBWithin256MiB() throws Exception {
        run("1GiB", 1L << 30, Duration.ofMinutes(30));
    }

    private static void run(String size, long bytes, Duration timeout) throws Exception {
        try (ReportServer server = ReportServer.create(ServerConfig.loopback(0),
                new ReportCatalog(List.of(new SyntheticSource()))).start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                    "-cp", System.getProperty("java.class.path"), TableFilterMemoryProbe.class.getName(),
                    String.valueOf(server.port()), "synthetic?size=" + size + "&chunk=64KiB")
                    .redirectErrorStream(true).start();
            String out;
            try (var in = p.getInputStream()) {
                out = new String(in.readAllBytes(), UTF_8);
            }
            assertThat(p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)).isTrue();
            System.out.println(out);
            assertThat(p.exitValue()).as(out).isZero();
            Matcher m = FIGURES.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            long lines = bytes / SyntheticText.ROW;
            assertThat(Long.parseLong(m.group(1))).isEqualTo(bytes);
            assertThat(Long.parseLong(m.group(2))).isEqualTo(lines);
            assertThat(Long.parseLong(m.group(3))).as("rows: all lines but the header").isEqualTo(lines - 1);
            assertThat(Long.parseLong(m.group(4))).as("every line has a comma").isEqualTo(lines);
            assertThat(Long.parseLong(m.group(5))).as("APAC rows").isEqualTo(SyntheticRows.count(lines, 2, f -> f.contains("APAC")));
        }
    }
}
