package org.reportviewer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.reportviewer.client.Target;
import org.reportviewer.server.DirectorySource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.ServerConfig;
import org.reportviewer.server.ServerTls;
import org.reportviewer.server.sql.SqlReportSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.reportviewer.format.Errors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code serve}: a standalone ReportService until SIGINT/SIGTERM, then a graceful shutdown. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a ReportService server (with health and reflection) until SIGINT or SIGTERM.",
                "Prints 'listening on HOST:PORT' on stdout once it accepts calls.",
                "Reports: demo, synthetic?size=..&chunk=..&delay=.., and the files under --reports-dir;",
                "its *.sql files are SQL reports (DuckDB in-process, or --database)."})
final class ServeCommand implements Callable<Integer> {

    /** The database password, when the JDBC URL does not carry one: never a flag (it would show in 'ps'). */
    static final String DB_PASSWORD_ENV = "REPORT_VIEWER_DB_PASSWORD";

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    private final Io io;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = ReportServer.DEFAULT_HOST,
            description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only).")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ReportServer.DEFAULT_PORT,
            description = "Port to bind (default: ${DEFAULT-VALUE}; 0 picks a free one and prints it).")
    private int port;

    @Option(names = "--reports-dir", paramLabel = "DIR",
            description = "Also serve the files under DIR; report ids are their relative names.")
    private Path reportsDir;

    @Option(names = "--database", paramLabel = "JDBC_URL",
            description = "Run the SQL reports of --reports-dir on this database instead of DuckDB in-process, "
                    + "e.g. jdbc:postgresql://db:5432/sales?user=reports. The password comes from the URL or "
                    + "the environment variable " + DB_PASSWORD_ENV + ".")
    private String database;

    @Option(names = "--driver-path", paramLabel = "PATH", split = ",",
            description = "JDBC driver jars, or folders of them, for --database URLs other than PostgreSQL and "
                    + "DuckDB (bundled), e.g. --driver-path /opt/jdbc. Comma-separated or repeated.")
    private List<Path> driverPath = List.of();

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "5s",
            description = "On shutdown, how long streams in flight may finish before they are ended "
                    + "with UNAVAILABLE (default: ${DEFAULT-VALUE}).")
    private Duration grace;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve TLS with this PEM certificate chain (server certificate first); needs --tls-key.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "The PEM private key of --tls-cert (unencrypted PKCS#8, 'BEGIN PRIVATE KEY').")
    private Path tlsKey;

    @Option(names = "--insecure",
            description = "Allow plaintext on an address other than loopback (e.g. --host 0.0.0.0 on a trusted "
                    + "network). Without it such an address needs --tls-cert/--tls-key.")
    private boolean insecure;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:" + FetchCommand.TOKEN_ENV + "}",
            description = "Require 'authorization: Bearer TOKEN' on ReportService calls (health stays open). "
                    + "Prefer the environment variable " + FetchCommand.TOKEN_ENV + ": it stays out of 'ps'.")
    private String token;

    ServeCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0-65535, got " + port);
        }
        if (grace.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--grace must not be negative");
        }
        DirectorySource directory = null;
        if (reportsDir != null) {
            try {
                directory = new DirectorySource(reportsDir);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(),
                        "--reports-dir " + reportsDir + " is not a readable directory (" + Cli.describe(e) + ")");
            }
        }
        SqlReportSource sql = sqlReports(directory);
        ServerConfig config = config();
        PrintWriter err = spec.commandLine().getErr();
        if (database != null) {
            try {
                sql.checkConnection(); // a wrong URL or a database that is down: say so now, not per report
            } catch (IOException e) {
                err.println(Cli.oneLine("serve: cannot use the database " + sql.engineName() + ": " + e.getMessage()));
                return Cli.EXIT_FAILED;
            }
        }
        ReportServer server;
        try {
            server = ReportServer.create(config, ReportCatalog.standard(directory, sql)).start();
        } catch (IOException | RuntimeException e) {
            err.println(Cli.oneLine("serve: cannot listen on " + host + ":" + port + ": " + rootMessage(e)));
            return Cli.EXIT_FAILED;
        }
        Thread shutdown = new Thread(() -> {
            LOG.info("shutting down: streams in flight get {} to finish", Durations.format(grace));
            server.close();
            LOG.info("stopped");
        }, "serve-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        LOG.info("{}; {}", config.tls() != null ? "TLS" : "plaintext (no TLS)",
                config.bearerToken() != null ? "a bearer token is required" : "no token required");
        if (sql != null) {
            LOG.info("SQL reports: the .sql files of {} run on {}", directory.root(), sql.engineName());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("listening on " + new Target(host, server.port()));
        out.flush();
        try {
            server.awaitTermination(); // until the shutdown hook has closed it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return Cli.EXIT_OK;
    }

    /** The SQL reports of the reports directory, on DuckDB or on --database; null without a directory. */
    private SqlReportSource sqlReports(DirectorySource directory) {
        if (directory == null) {
            if (database != null) {
                throw new ParameterException(spec.commandLine(), "--database needs --reports-dir: the .sql files "
                        + "there are the reports it runs");
            }
            return null;
        }
        if (database == null) {
            return SqlReportSource.duckDb(directory);
        }
        if (!database.startsWith("jdbc:")) {
            throw new ParameterException(spec.commandLine(), "--database must be a JDBC URL (jdbc:...)");
        }
        String password = System.getenv(DB_PASSWORD_ENV);
        try {
            return SqlReportSource.database(directory, database, password == null || password.isEmpty() ? null : password,
                    driverPath);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The flags as a checked config: TLS files loaded, token and bind rule checked, all as usage errors. */
    private ServerConfig config() {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        return UsageRules.checked(spec, () -> {
            ServerTls tls = null;
            if (tlsCert != null) {
                tls = new ServerTls(tlsCert, tlsKey);
                tls.sslContext(); // a bad certificate or key is reported now, not at the first connection
            }
            ServerConfig config = new ServerConfig(host, port, tls, insecure, UsageRules.tokenOrNull(token), grace);
            config.checkBindRule();
            return config;
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable t = Errors.rootCause(e);
        if (t instanceof java.nio.channels.UnresolvedAddressException) {
            return "unknown host";
        }
        String m = Cli.describe(t);
        return m.toLowerCase(java.util.Locale.ROOT).contains("address already in use") ? "address already in use" : m;
    }
}
