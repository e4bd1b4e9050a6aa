package org.reportviewer.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.ServerConfig;
import org.reportviewer.server.SyntheticSource;
import org.reportviewer.server.SyntheticText;
import org.reportviewer.testing.SyntheticRows;

/**
 * Bounded memory as pass/fail: the real window (headless, Monocle) in a JVM with {@code -Xmx128m}
 * takes a 1 GiB report from a real server on loopback to COMPLETED with exactly its bytes. The text
 * lives in the spool file and the line index is sparse, so a viewer that kept the report, or a list
 * per line, in the heap would run out of memory (the child exits at the first OutOfMemoryError). The
 * same with the Table view and a filter on, in {@code -Xmx256m} (the bound for the reader).
 * Run with {@code mvn -B -Pload test} (it streams 1 GiB: minutes on a busy machine).
 */
@Tag("load")
class WindowMemoryTest {

    static final String HEAP = "-Xmx128m";

    @TempDir
    Path dir;

    /** The reader's heap: the bound for the table view and the filter on 1 GiB. */
    static final String TABLE_HEAP = System.getProperty("probe.tableHeap", "-Xmx256m");
    private static final Pattern TABLE = Pattern.compile(
            "TABLE shown=(\\w+) rows=(\\d+) rowMatches=(\\d+) tableItems=(\\d+) middle=(\\d+):(\\w+) ");

    @Test
    void theWindowTakesA1GiBReportToCompletedIn128MiBOfHeap() throws Exception {
        String out = runProbe(HEAP, Duration.ofMinutes(20), "synthetic?size=1GiB&chunk=64KiB", 1L << 30);
        assertThat(out).contains("WINDOW state=COMPLETED bytes=" + (1L << 30)).contains("exact=true")
                .contains("maxHeapMiB=128").doesNotContain("OutOfMemoryError");
    }

    /**
     * The same window with the Table view on and a column regex filter active while the CSV report
     * streams, scrolled to the middle of the matches halfway through: within {@code -Xmx256m}, with the
     * rows and the match count exact (the count computed from the generator, not by the viewer).
     */
    @Test
    void theTableViewAndAFilterOnA1GiBReportStayWithin256MiBOfHeap() throws Exception {
        long bytes = 1L << 30;
        long lines = bytes / SyntheticText.ROW;
        String out = runProbe(TABLE_HEAP, Duration.ofMinutes(40), "synthetic?size=1GiB&chunk=64KiB", bytes,
                "table", "^APAC *$", "2");
        assertThat(out).contains("WINDOW state=COMPLETED bytes=" + bytes).contains("exact=true")
                .doesNotContain("OutOfMemoryError");
        Matcher m = TABLE.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        long apac = SyntheticRows.count(lines, 2, f -> f.trim().equals("APAC"));
        assertThat(m.group(1)).as("the Table view was shown").isEqualTo("table");
        assertThat(Long.parseLong(m.group(2))).as("rows: every line but the header").isEqualTo(lines - 1);
        assertThat(Long.parseLong(m.group(3))).as("rows the filter matched").isEqualTo(apac);
        assertThat(Long.parseLong(m.group(4))).as("rows the filtered table lists").isEqualTo(apac);
        long middle = Long.parseLong(m.group(5));
        assertThat(m.group(6)).as("the row read in the middle of the table is a match").isEqualTo("APAC");
        assertThat(new String(new SyntheticText().rowBytes(middle + 1), UTF_8).split(",")[2].trim())
                .as("and it is the generator's row %d", middle).isEqualTo("APAC");
    }

    /**
     * Runs {@link WindowMemoryProbe} with {@code heap} against a server in this JVM on {@code report} of
     * {@code bytes} bytes (then {@code more} probe arguments); returns its output.
     */
    private String runProbe(String heap, Duration timeout, String report, long bytes, String... more) throws Exception {
        try (ReportServer server = ReportServer.create(ServerConfig.loopback(0),
                new ReportCatalog(List.of(new SyntheticSource()))).start()) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    heap, "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + dir));
            for (String p : List.of("glass.platform", "monocle.platform", "prism.order", "prism.text",
                    "java.awt.headless")) {
                if (System.getProperty(p) != null) {
                    command.add("-D" + p + "=" + System.getProperty(p)); // headless, as surefire runs the window tests
                }
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), WindowMemoryProbe.class.getName(),
                    "127.0.0.1:" + server.port(), report, Long.toString(bytes), Long.toString(timeout.toSeconds())));
            command.addAll(List.of(more));
            Path log = dir.resolve("probe.txt");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeout.toSeconds() + 60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the window probe did not end in " + timeout + ": " + Files.readString(log, UTF_8));
            }
            String out = Files.readString(log, UTF_8);
            System.out.println(out);
            assertThat(p.exitValue()).as("the probe's exit (0 = COMPLETED, exact; 3 = out of memory): %s", out)
                    .isZero();
            return out;
        }
    }
}
