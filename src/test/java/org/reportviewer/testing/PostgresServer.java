package org.reportviewer.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real PostgreSQL server for tests: Debian's binaries ({@code /usr/lib/postgresql/N/bin}), a fresh
 * cluster in a scratch directory, listening on 127.0.0.1 at a free port, password authentication
 * over TCP. Without PostgreSQL installed the tests that need it are skipped — except in CI
 * ({@code CI=true}), where a skip would hide that they never ran, so it fails instead.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "admin-Pw-9f2c";

    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean asPostgresUser;
    private final Process process;

    private PostgresServer(Path dir, Path bin, int port, boolean asPostgresUser, Process process) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.process = process;
    }

    /** Starts a server, or skips the calling test when PostgreSQL is not installed (fails in CI). */
    public static PostgresServer startOrSkip() throws Exception {
        Path bin = findBin();
        if (bin == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); "
                        + "CI must install it (.ci/run) so these tests run");
            }
            assumeTrue(false, "PostgreSQL is not installed; skipping (CI installs it and runs these)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("pg-test-");
        // initdb refuses to run as root: the cluster belongs to the postgres user, who must reach it.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, ADMIN_PASSWORD + "\n");
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-r--r--"));
        run(root, List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                "--locale=C", "--no-sync"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D",
                dir.resolve("data").toString(), "-p", String.valueOf(port), "-k", dir.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=50"));
        Process p = new ProcessBuilder(wrap(root, cmd)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        PostgresServer server = new PostgresServer(dir, bin, port, root, p);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> {
                        try (Connection c = server.admin()) {
                            return c.isValid(2);
                        }
                    });
        } catch (RuntimeException e) {
            String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
            server.close();
            throw new AssertionError("PostgreSQL did not start: " + log, e);
        }
        return server;
    }

    private static Path findBin() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())))
                    .orElse(null);
        }
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> wrap(boolean root, List<String> cmd) {
        if (!root) {
            return cmd;
        }
        List<String> out = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        out.addAll(cmd);
        return out;
    }

    private static void run(boolean root, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(wrap(root, cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("failed: " + String.join(" ", cmd) + "\n" + out);
        }
    }

    public int port() {
        return port;
    }

    /** A JDBC URL for {@code user}, without a password. */
    public String url(String user) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + user;
    }

    /** A superuser connection (autocommit on) for setting up data and looking at pg_stat_activity. */
    public Connection admin() throws SQLException {
        Properties props = new Properties();
        props.setProperty("password", ADMIN_PASSWORD);
        return DriverManager.getConnection(url("postgres"), props);
    }

    /** Runs statements as the superuser. */
    public void execute(String... sql) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** Sessions of {@code applicationName} in one of {@code states} ("active", "idle in transaction"…). */
    public int sessions(String applicationName, String... states) throws SQLException {
        try (Connection c = admin(); var ps = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ? AND state = ANY (?)")) {
            ps.setString(1, applicationName);
            ps.setArray(2, c.createArrayOf("text", states));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    public void close() {
        try {
            run(asPostgresUser, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-m", "immediate", "-w", "stop"));
        } catch (Exception e) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } catch (Exception ignored) {
            // a scratch directory left in /tmp is harmless
        }
    }
}
