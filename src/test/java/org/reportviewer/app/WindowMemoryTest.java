package org.reportviewer.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.ServerConfig;
import org.reportviewer.server.SyntheticSource;

/**
 * Bounded memory as pass/fail: the real window (headless, Monocle) in a JVM with {@code -Xmx128m}
 * takes a 1 GiB report from a real server on loopback to COMPLETED with exactly its bytes. The text
 * lives in the spool file and the line index is sparse, so a viewer that kept the report, or a list
 * per line, in the heap would run out of memory (the child exits at the first OutOfMemoryError).
 * Run with {@code mvn -B -Pload test} (it streams 1 GiB: minutes on a busy machine).
 */
@Tag("load")
class WindowMemoryTest {

    static final String HEAP = "-Xmx128m";

    @TempDir
    Path dir;

    @Test
    void theWindowTakesA1GiBReportToCompletedIn128MiBOfHeap() throws Exception {
        String out = runProbe(HEAP, "synthetic?size=1GiB&chunk=64KiB", 1L << 30, Duration.ofMinutes(20));
        assertThat(out).contains("WINDOW state=COMPLETED bytes=" + (1L << 30)).contains("exact=true")
                .contains("maxHeapMiB=128").doesNotContain("OutOfMemoryError");
    }

    /** Runs {@link WindowMemoryProbe} with {@code heap} against a server in this JVM; returns its output. */
    private String runProbe(String heap, String report, long bytes, Duration timeout) throws Exception {
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
