package org.reportviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reportviewer.proto.ReportChunk;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.proto.ReportServiceGrpc;
import org.reportviewer.testing.CliProcess;

/**
 * Every way {@code fetch} can fail reads as one plain line on stderr (plus the summary line), with no
 * gRPC or Netty log lines and no developer wording: a table over every status a server can end the
 * stream with, and real processes for the failures that happen before any server answers.
 */
class CliMessagesTest {

    private static final Duration EXIT = Duration.ofSeconds(60);
    /** Text that means a library's log line or a developer's message reached the user. */
    private static final String[] LEAKS = {"WARN", "SEVERE", "io.grpc", "io.netty", "Exception", "\tat ", "CallOptions",
        "Name resolution", "Status{", "io exception"};

    /** Answers a report id that names a status code with that status and a server's description. */
    private static Server failing;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        failing = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new ReportServiceGrpc.ReportServiceImplBase() {
                    @Override
                    public void generateReport(ReportRequest request, StreamObserver<ReportChunk> out) {
                        Status.Code code = Status.Code.valueOf(request.getReportId());
                        out.onError(Status.fromCode(code).withDescription("the server ended it with "
                                + code.name().toLowerCase(Locale.ROOT)).asRuntimeException());
                    }
                })
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        failing.shutdownNow();
    }

    private static void assertPlain(List<String> lines) {
        for (String line : lines) {
            assertThat(Arrays.stream(LEAKS).filter(line::contains)).as("leak in: %s", line).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = "OK", mode = EnumSource.Mode.EXCLUDE)
    void eachStatusAServerCanEndWithIsOneLineAndExitOne(Status.Code code) {
        Path out = dir.resolve(code + ".txt");
        CliTest.Run r = CliTest.run("fetch", "--target", "127.0.0.1:" + failing.getPort(), "--report", code.name(),
                "--out", out.toString());

        assertThat(r.exit()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("fetch: " + code + ": ")
                .endsWith("; partial report kept in " + out + ".part (next chunk 0, continue with --resume)");
        assertThat(r.out().trim()).matches("received=0 bytes=0 status=" + code + " first_ms=-1 .*");
        assertPlain(r.errLines());
    }

    private record Case(String name, String expected, String... args) {}

    /** Failures before any server answers, each in its own JVM as a user runs it (logging set up by main). */
    @Test
    void failuresBeforeTheServerAnswersAreOnePlainLineWithNoLibraryLogs() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path missing = dir.resolve("no-such-folder/report.txt");
        List<Case> cases = List.of(
                new Case("unresolvable host", "fetch: UNAVAILABLE: cannot find the server: the host name in "
                        + "no-such-host.invalid:50051 does not resolve; check the address",
                        "--target", "no-such-host.invalid:50051", "--report", "demo"),
                new Case("deadline passed", "fetch: DEADLINE_EXCEEDED: the deadline of 1 ms passed before the report "
                        + "was complete; give it a longer deadline",
                        "--target", "no-such-host.invalid:50051", "--report", "demo", "--deadline", "1ms"),
                new Case("nothing listening", "fetch: UNAVAILABLE: server not reachable at 127.0.0.1:" + closedPort
                        + " (nothing accepts connections there); check the address and that the server runs",
                        "--target", "127.0.0.1:" + closedPort, "--report", "demo"),
                new Case("missing folder", "fetch: cannot write " + missing + ": the folder " + missing.getParent()
                        + " does not exist; create it or choose another path",
                        "--target", "127.0.0.1:" + closedPort, "--report", "demo", "--out", missing.toString()));
        List<CliProcess> running = new ArrayList<>();
        try {
            for (Case c : cases) { // all at once: four JVM starts in the time of about one
                running.add(CliProcess.start(dir, Stream.concat(Stream.of("fetch"), Arrays.stream(c.args()))
                        .toArray(String[]::new)));
            }
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                CliProcess p = running.get(i);
                assertThat(p.waitFor(EXIT)).as(c.name()).isEqualTo(Cli.EXIT_FAILED);
                List<String> err = p.stderrLines();
                assertThat(err).as(c.name()).isNotEmpty();
                assertThat(err.get(0)).as(c.name()).isEqualTo(c.expected());
                if (err.size() > 1) {
                    assertThat(err).as(c.name() + ": the error, then the summary line").hasSize(2);
                    assertThat(err.get(1)).startsWith("received=0 bytes=0 status=");
                }
                assertPlain(err);
            }
        } finally {
            running.forEach(CliProcess::close);
        }
    }
}
