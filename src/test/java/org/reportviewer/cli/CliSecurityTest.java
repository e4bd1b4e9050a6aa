package org.reportviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.server.DemoSource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.ServerConfig;
import org.reportviewer.testing.CliProcess;
import org.reportviewer.testing.SeedServer;
import org.reportviewer.testing.TestCertificates;

/** The security flags of {@code serve} and {@code fetch}: TLS, CA file, token, the bind rule. */
class CliSecurityTest {

    private static final String TOKEN = "cli-T0ken-never-printed";
    private static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static TestCertificates.Pem pem;
    private static ReportServer server;

    @BeforeAll
    static void start() throws Exception {
        pem = TestCertificates.create(dir.resolve("pki"), "CLI Test CA");
        server = ReportServer.create(ServerConfig.loopback(0).withTls(pem.serverTls())
                .withBearerToken(TOKEN), new ReportCatalog(List.of(new DemoSource(0)))).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.execute(new Io(out, new PrintStream(err, true, StandardCharsets.UTF_8), false, false), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String target() {
        return "localhost:" + server.port();
    }

    @Test
    void fetchOverTlsWithCaFileAndToken() {
        Run r = run("fetch", "--target", target(), "--report", "demo", "--ca-file", pem.caCert().toString(),
                "--token", TOKEN, "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(SeedServer.expectedText("demo"));
        assertThat(r.err()).contains("status=OK").doesNotContain(TOKEN);
    }

    @Test
    void wrongOrMissingTokenIsUnauthenticated() {
        Run wrong = run("fetch", "--target", target(), "--report", "demo", "--tls", "--ca-file",
                pem.caCert().toString(), "--token", "not-" + TOKEN, "--quiet");
        assertThat(wrong.exit()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(wrong.err()).contains("UNAUTHENTICATED").contains("bearer token is not valid")
                .doesNotContain(TOKEN);
        Run missing = run("fetch", "--target", target(), "--report", "demo", "--ca-file", pem.caCert().toString(),
                "--quiet");
        assertThat(missing.exit()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(missing.err()).contains("status=UNAUTHENTICATED").contains("no authorization header");
    }

    @Test
    void plaintextFetchFromATlsServerFailsWithUnavailable() {
        Run r = run("fetch", "--target", target(), "--report", "demo", "--token", TOKEN, "--quiet",
                "--deadline", "20s");
        assertThat(r.exit()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(r.err()).contains("status=UNAVAILABLE").doesNotContain(TOKEN);
    }

    @Test
    void fetchUsageErrors() {
        Run noCa = run("fetch", "--target", target(), "--report", "demo", "--ca-file", dir.resolve("nope.pem")
                .toString());
        assertThat(noCa.exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(noCa.err()).contains("CA file").contains("nope.pem does not exist");

        Run badToken = run("fetch", "--target", target(), "--report", "demo", "--token", "two words");
        assertThat(badToken.exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(badToken.err()).contains("--token must be 1-4096 visible ASCII").doesNotContain("two words");
    }

    @Test
    void serveRefusesPlaintextOffLoopbackBeforeBinding() {
        Run r = run("serve", "--host", "0.0.0.0", "--port", "0");
        assertThat(r.exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(r.err()).contains("refusing to serve plaintext on 0.0.0.0").contains("--tls-cert")
                .contains("--insecure");
        assertThat(r.out()).doesNotContain("listening");
    }

    @Test
    void serveUsageErrorsForTlsFiles() throws Exception {
        Run half = run("serve", "--port", "0", "--tls-cert", pem.serverCert().toString());
        assertThat(half.exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(half.err()).contains("--tls-cert and --tls-key go together");

        Path notAKey = Files.writeString(dir.resolve("bad.key"), "not a key\n");
        Run bad = run("serve", "--port", "0", "--tls-cert", pem.serverCert().toString(), "--tls-key",
                notAKey.toString());
        assertThat(bad.exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(bad.err()).contains("cannot use TLS certificate");
    }

    /** The command line others can see (in 'ps'): /proc/PID/cmdline, else what the JDK reports. */
    private static List<String> commandLineOf(Process p) throws java.io.IOException {
        Path proc = Path.of("/proc", Long.toString(p.pid()), "cmdline");
        if (Files.isReadable(proc)) {
            return List.of(new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).split("\0"));
        }
        List<String> args = p.info().arguments().map(List::of).orElse(List.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(args.isEmpty(), "this platform hides process arguments");
        return args;
    }

    @Test
    void serveAndFetchAsProcessesWithTlsAndTheTokenFromTheEnvironment() throws Exception {
        Map<String, String> env = Map.of(FetchCommand.TOKEN_ENV, TOKEN);
        // Both at DEBUG: every library line (HTTP/2 frames with their headers included) goes to stderr.
        List<String> debug = List.of("-Dreportviewer.debug=true");
        try (CliProcess serve = CliProcess.start(dir, env, debug, "serve", "--port", "0", "--grace", "1s",
                "--tls-cert", pem.serverCert().toString(), "--tls-key", pem.serverKey().toString())) {
            Matcher listening = serve.awaitStdoutLine(Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)"), EXIT);
            String target = "localhost:" + listening.group(1);
            Path file = dir.resolve("over-tls.txt");

            String fetchErr;
            try (CliProcess fetch = CliProcess.start(dir, env, debug, "fetch", "--target", target, "--report", "demo",
                    "--ca-file", pem.caCert().toString(), "--out", file.toString(), "--quiet")) {
                assertThat(fetch.waitFor(EXIT)).as(fetch.stderr()).isZero();
                assertThat(fetch.stdout()).contains("status=OK");
                fetchErr = fetch.stderr();
            }
            assertThat(Files.readString(file)).isEqualTo(SeedServer.expectedText("demo"));

            // The token came from the environment: not on the command line others can see in 'ps' ...
            List<String> serveArgs = commandLineOf(serve.process);
            assertThat(serveArgs).as("the check sees the real arguments").contains("serve", "--tls-cert");
            assertThat(serveArgs).noneMatch(a -> a.contains(TOKEN));
            serve.process.destroy();
            assertThat(serve.waitFor(EXIT)).as("SIGTERM after the shutdown hooks: 128+15").isEqualTo(143);
            String serveErr = serve.stderr();
            assertThat(serveErr).contains("TLS; a bearer token is required")
                    .contains("report=\"demo\" start=0 completed 10 chunks");
            // ... and in neither process's log, although both logged every HTTP/2 frame at DEBUG.
            for (String err : List.of(serveErr, fetchErr)) {
                assertThat(err).contains("DEBUG").contains("HEADERS").contains("Bearer <redacted>")
                        .doesNotContain(TOKEN);
            }
        }
    }

    /** The argv check above can see a token: one given with --token shows in 'ps'. */
    @Test
    void aTokenGivenOnTheCommandLineIsVisibleToTheArgvCheck() throws Exception {
        // A listener that never answers: the fetch waits (up to its deadline) while its argv is read.
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                CliProcess fetch = CliProcess.start(dir, "fetch", "--target", "127.0.0.1:" + silent.getLocalPort(),
                        "--report", "demo", "--token", TOKEN, "--deadline", "60s", "--quiet")) {
            assertThat(commandLineOf(fetch.process)).anyMatch(a -> a.contains(TOKEN));
        }
    }
}
