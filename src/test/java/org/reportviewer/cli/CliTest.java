package org.reportviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reportviewer.client.ResumableFileSink;
import org.reportviewer.client.ResumeRecord;
import org.reportviewer.testing.LoopbackServerExtension;
import org.reportviewer.testing.SeedServer;

/** The command line in-process: usage errors, help, version, progress bar, resume edge cases. */
class CliTest {

    @RegisterExtension
    static final LoopbackServerExtension loopback = LoopbackServerExtension.standard(5);

    @TempDir
    Path dir;

    /** One in-process run with captured streams. */
    record Run(int exit, String out, byte[] outBytes, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Run run(boolean errIsTerminal, String... args) {
        return run(false, errIsTerminal, args);
    }

    static Run run(boolean outIsTerminal, boolean errIsTerminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.execute(new Io(out, new PrintStream(err, true, StandardCharsets.UTF_8), outIsTerminal,
                errIsTerminal), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), out.toByteArray(),
                err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... args) {
        return run(false, args);
    }

    static Stream<Arguments> badUsage() {
        return Stream.of(
                Arguments.of(new String[] {"fetch"}, "Missing required options: '--target=HOST:PORT', '--report=ID'"),
                Arguments.of(new String[] {"fetch", "--target", "nohost", "--report", "demo"}, "'nohost' is not HOST:PORT"),
                Arguments.of(new String[] {"fetch", "--target", "h:0", "--report", "demo"}, "port must be 1-65535"),
                Arguments.of(new String[] {"fetch", "--target", "h:1", "--report", "demo", "--deadline", "10"},
                        "'10' is not a duration"),
                Arguments.of(new String[] {"fetch", "--target", "h:1", "--report", "demo", "--deadline", "0s"},
                        "--deadline must be longer than 0"),
                Arguments.of(new String[] {"fetch", "--target", "h:1", "--report", "demo", "--resume"},
                        "--resume needs --out FILE"),
                Arguments.of(new String[] {"fetch", "--target", "h:1", "--report", "demo", "--resume", "--out", "f",
                        "--start-chunk", "2"}, "cannot be combined"),
                Arguments.of(new String[] {"fetch", "--target", "h:1", "--report", "demo", "--cancel-after", "0"},
                        "--cancel-after must be 1 or more"),
                Arguments.of(new String[] {"fetch", "--target", "h:1", "--report", "demo", "--retries", "-1"},
                        "--retries must be 0 or more"),
                Arguments.of(new String[] {"fetch", "--target", "h:1", "--report", "demo", "--start-chunk", "-1"},
                        "--start-chunk must be 0 or more"),
                Arguments.of(new String[] {"fetch", "--target", "h:1", "--report", "demo", "--retries", "many"},
                        "'many' is not an int"),
                Arguments.of(new String[] {"fetch", "--target", "h:1", "--report", "demo", "--bogus"},
                        "Unknown option: '--bogus'"),
                Arguments.of(new String[] {"serve", "--port", "70000"}, "--port must be 0-65535, got 70000"),
                Arguments.of(new String[] {"serve", "--grace", "soon"}, "'soon' is not a duration"),
                Arguments.of(new String[] {"serve", "--reports-dir", "/no/such/dir"}, "is not a readable directory"),
                Arguments.of(new String[] {"frobnicate"}, "Unmatched argument at index 0: 'frobnicate'"),
                Arguments.of(new String[] {"--port", "1"}, "Unknown option"));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void badUsageIsOneLineOnStderrAndExitTwo(String[] args, String message) {
        Run r = run(args);
        assertThat(r.exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).contains(message).contains("--help");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void noCommandAsksForOne() {
        Run r = run(new String[0]);
        assertThat(r.exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(r.errLines()).containsExactly("report-viewer: name a command (serve, fetch) or use --help");
    }

    @Test
    void servingOnAPortInUseFailsWithOneLine() {
        Run r = run("serve", "--port", Integer.toString(loopback.server().port()));
        assertThat(r.exit()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(r.errLines()).containsExactly(
                "serve: cannot listen on 127.0.0.1:" + loopback.server().port() + ": address already in use");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void versionComesFromTheBuild() {
        Run r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(r.out()).startsWith("report-viewer " + Version.current() + " (Java ");
    }

    @Test
    void helpListsCommandsAndOptions() {
        Run top = run("--help");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).contains("serve").contains("fetch").contains("Without arguments the desktop app starts");
        Run fetch = run("fetch", "--help");
        assertThat(fetch.out()).contains("--target=HOST:PORT", "--report=ID", "--out=FILE", "--deadline=DURATION",
                "--start-chunk=N", "--cancel-after=N", "--quiet", "--resume", "--retries=N",
                "received=<chunks> bytes=<bytes> status=<CODE> first_ms=<ms> total_ms=<ms> mbps=<MB/s> gaps=<n>");
        Run serve = run("serve", "--help");
        assertThat(serve.out()).contains("--host=HOST", "--port=PORT", "--reports-dir=DIR", "--grace=DURATION",
                "127.0.0.1", "50051");
    }

    @Test
    void progressBarOnlyWhenStderrIsATerminalAndNotQuiet() {
        String[] args = {"fetch", "--target", loopback.target().toString(), "--report", "demo"};
        Run onTerminal = run(true, args);
        assertThat(onTerminal.exit()).isZero();
        assertThat(onTerminal.outBytes()).isEqualTo(SeedServer.expectedText("demo").getBytes(StandardCharsets.UTF_8));
        assertThat(onTerminal.err()).contains("demo").contains("10/10 chunks").contains("\r");

        Run quiet = run(true, "fetch", "--target", loopback.target().toString(), "--report", "demo", "--quiet");
        assertThat(quiet.errLines()).hasSize(1);
        assertThat(SummaryLine.PATTERN.matcher(quiet.errLines().get(0)).matches()).isTrue();

        Run piped = run(false, args);
        assertThat(piped.err()).doesNotContain("chunks").doesNotContain("\r");

        // The report itself on the terminal: redraws would tear through it, so no bar (as curl does).
        Run dataOnTerminal = run(true, true, args);
        assertThat(dataOnTerminal.exit()).isZero();
        assertThat(dataOnTerminal.err()).doesNotContain("chunks").doesNotContain("\r");
        Path file = dir.resolve("bar.txt");
        Run toFile = run(true, true, "fetch", "--target", loopback.target().toString(), "--report", "demo", "--out",
                file.toString());
        assertThat(toFile.err()).contains("10/10 chunks");
    }

    @Test
    void anOutputFileThatCannotBeWrittenIsOneLine() {
        Path out = dir.resolve("missing-dir/report.txt");
        Run r = run("fetch", "--target", loopback.target().toString(), "--report", "demo", "--out", out.toString());
        assertThat(r.exit()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("fetch: cannot write " + out);
    }

    @Test
    void resumeWithNothingToResumeStartsFromTheBeginning() {
        Path out = dir.resolve("fresh.txt");
        Run r = run("fetch", "--target", loopback.target().toString(), "--report", "demo", "--out", out.toString(),
                "--resume");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("nothing to resume");
        assertThat(out).hasContent(SeedServer.expectedText("demo"));
    }

    @Test
    void resumingAnotherReportsPartIsRefused() throws IOException {
        Path out = dir.resolve("mixed.txt");
        Run first = run("fetch", "--target", loopback.target().toString(), "--report", "demo", "--out",
                out.toString(), "--cancel-after", "2");
        assertThat(first.exit()).isZero();
        Run r = run("fetch", "--target", loopback.target().toString(), "--report", "synthetic", "--out",
                out.toString(), "--resume");
        assertThat(r.exit()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).contains("holds report 'demo', not 'synthetic'");
        assertThat(ResumableFileSink.partFile(out)).hasContent(SeedServer.expectedText("demo").substring(0, 62));
    }

    @Test
    void aPartThatAlreadyHoldsEveryChunkIsFinishedWithoutTheServer() throws IOException {
        Path out = dir.resolve("done.txt");
        Files.writeString(ResumableFileSink.partFile(out), SeedServer.expectedText("demo"));
        new ResumeRecord("demo", 0, 10, SeedServer.expectedText("demo").length(), 10)
                .write(ResumableFileSink.recordFile(out));
        // Port 1 on loopback: nothing listens there, so any call would fail with UNAVAILABLE.
        Run r = run("fetch", "--target", "127.0.0.1:1", "--report", "demo", "--out", out.toString(), "--resume");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(out).hasContent(SeedServer.expectedText("demo"));
        Matcher m = SummaryLine.PATTERN.matcher(r.out().trim());
        assertThat(m.matches()).isTrue();
        assertThat(m.group(1)).isEqualTo("0");
        assertThat(m.group(3)).isEqualTo("OK");
    }

    @Test
    void anUnreachableServerIsUnavailableAndTheEmptyPartIsKept() {
        Path out = dir.resolve("unreachable.txt");
        Run r = run("fetch", "--target", "127.0.0.1:1", "--report", "demo", "--out", out.toString());
        assertThat(r.exit()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("fetch: UNAVAILABLE: ")
                .contains("partial report kept in " + ResumableFileSink.partFile(out));
        assertThat(r.out()).contains("status=UNAVAILABLE");
    }
}
