package org.reportviewer.server.sql;

import io.grpc.Status;
import io.grpc.StatusException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.reportviewer.proto.ReportInfo;
import org.reportviewer.proto.ReportParameter;
import org.reportviewer.server.DirectorySource;
import org.reportviewer.server.Report;
import org.reportviewer.server.ReportSource;

/**
 * The {@code .sql} files under a reports directory, as reports: {@code sales/by_region.sql} is the
 * report {@code sales/by_region}, its parameters come from the id's query string
 * ({@code sales/by_region?region=EMEA}) and are bound as JDBC parameters, never spliced into SQL.
 * Paths are checked exactly like other files of the directory (no {@code ..}, no symlinks out).
 */
public final class SqlReportSource implements ReportSource, AutoCloseable {

    /** Report files are small; a larger one is a mistake, not a query. */
    static final int MAX_FILE_BYTES = 1 << 20;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_LISTED = 1000;

    /** Creates the engine when the first SQL report runs (DuckDB unpacks a native library). */
    interface EngineFactory {
        SqlEngine create() throws SQLException;
    }

    private final DirectorySource directory;
    private final EngineFactory factory;
    private final String engineName;
    private final SqlErrors errors;
    private SqlEngine engine;
    private boolean closed;

    SqlReportSource(DirectorySource directory, EngineFactory factory, String engineName, Secrets secrets) {
        this.directory = directory;
        this.factory = factory;
        this.engineName = engineName;
        this.errors = new SqlErrors(secrets);
    }

    /** SQL reports on DuckDB in this process; relative file names in queries resolve in the directory. */
    public static SqlReportSource duckDb(DirectorySource directory) {
        return new SqlReportSource(directory, () -> new DuckDbEngine(DuckDbEngine.IN_MEMORY, directory.root()),
                "DuckDB (in-process)", Secrets.none());
    }

    /**
     * SQL reports on the database at {@code jdbcUrl} ({@code jdbc:duckdb:FILE} opens that file read-only).
     *
     * @param password from the environment (never a flag), or null
     * @param driverPath jars or directories of jars holding extra JDBC drivers
     * @throws IllegalArgumentException when no driver takes the URL (the message never shows a password)
     */
    public static SqlReportSource database(DirectorySource directory, String jdbcUrl, String password,
            List<Path> driverPath) {
        Secrets secrets = new Secrets(jdbcUrl, password);
        if (jdbcUrl.startsWith("jdbc:duckdb:")) {
            return new SqlReportSource(directory, () -> new DuckDbEngine(jdbcUrl, directory.root()),
                    "DuckDB " + secrets.redactUrl(jdbcUrl), secrets);
        }
        JdbcEngine engine = new JdbcEngine(JdbcDrivers.find(jdbcUrl, driverPath, secrets), jdbcUrl, password, secrets);
        return new SqlReportSource(directory, () -> engine, engine.describe(), secrets);
    }

    /** Where the reports run, for the startup log (no password). */
    public String engineName() {
        return engineName;
    }

    @Override
    public Optional<Report> open(String reportId) throws StatusException {
        int q = reportId.indexOf('?');
        String name = q < 0 ? reportId : reportId.substring(0, q);
        if (name.endsWith(".sql")) {
            return Optional.empty(); // the query text itself, served as a file
        }
        Path file;
        try {
            file = directory.resolve(name + ".sql");
        } catch (StatusException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty(); // not a SQL report (or a symlink out): other sources decide
            }
            throw e;
        }
        SqlReportFile report = read(file, name);
        Object[] values = values(name, report, q < 0 ? "" : reportId.substring(q + 1));
        return Optional.of(start(reportId, report, values));
    }

    private static SqlReportFile read(Path file, String name) throws StatusException {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("the file is over " + MAX_FILE_BYTES + " bytes");
            }
            return SqlReportFile.parse(Files.readString(file, StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw Status.NOT_FOUND.withDescription("report '" + name + "' cannot be read").asException();
        } catch (IllegalArgumentException e) {
            throw Status.FAILED_PRECONDITION.withDescription("report '" + name + "' is not a valid SQL report ("
                    + name + ".sql, " + e.getMessage() + ")").asException();
        }
    }

    /** The value bound to each {@code ?} of the query, from the id's query string and the defaults. */
    private static Object[] values(String name, SqlReportFile report, String query) throws StatusException {
        Map<String, String> given;
        try {
            given = QueryString.parse(query);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
        for (String key : given.keySet()) {
            if (!report.params().containsKey(key)) {
                throw invalid(name, "unknown parameter '" + key + "' (" + (report.params().isEmpty()
                        ? "it takes none" : "it takes " + String.join(", ", report.params().keySet())) + ")");
            }
        }
        List<String> order = report.query().parameterOrder();
        Object[] values = new Object[order.size()];
        for (int i = 0; i < values.length; i++) {
            SqlReportFile.Param p = report.params().get(order.get(i));
            String text = given.get(p.name());
            if (text == null) {
                if (p.defaultText() == null) {
                    throw invalid(name, "parameter '" + p.name() + "' (" + p.type().wireName() + ") is required");
                }
                values[i] = p.defaultValue();
                continue;
            }
            if (text.indexOf('\0') >= 0) {
                throw invalid(name, "parameter '" + p.name() + "' contains a NUL character");
            }
            try {
                values[i] = p.type().parse(text);
            } catch (IllegalArgumentException e) {
                throw invalid(name, "parameter '" + p.name() + "': " + e.getMessage());
            }
        }
        return values;
    }

    private static StatusException invalid(String name, String why) {
        return Status.INVALID_ARGUMENT.withDescription("report '" + name + "': " + why).asException();
    }

    private Report start(String reportId, SqlReportFile report, Object[] values) throws StatusException {
        SqlEngine e = engine(reportId);
        Connection connection;
        try {
            connection = e.connect();
        } catch (SQLException ex) {
            throw errors.connectFailed(reportId, ex).asException();
        }
        try {
            List<String> order = report.query().parameterOrder();
            PreparedStatement ps = e.prepare(connection, report.query(), statement -> {
                for (int i = 0; i < values.length; i++) {
                    report.params().get(order.get(i)).type().bind(statement, i + 1, values[i]);
                }
            });
            return new SqlReport(reportId, e, connection, ps, !report.resumeKey().isEmpty(), errors);
        } catch (SQLException ex) {
            closeQuietly(connection);
            throw errors.queryFailed(reportId, ex).asException();
        }
    }

    /**
     * Opens one connection and closes it, so that {@code serve --database} says at start-up, not at the
     * first report, that the database cannot be reached.
     *
     * @throws IOException with a one-line message that never shows a password
     */
    public void checkConnection() throws IOException {
        try {
            SqlEngine e;
            synchronized (this) {
                if (engine == null) {
                    engine = factory.create();
                }
                e = engine;
            }
            e.connect().close();
        } catch (SQLException e) {
            throw new IOException(errors.message(e), e);
        } catch (LinkageError e) {
            throw new IOException(engineName + " could not start: " + e.getMessage(), e);
        }
    }

    private synchronized SqlEngine engine(String reportId) throws StatusException {
        if (closed) {
            throw Status.UNAVAILABLE.withDescription("the server is shutting down").asException();
        }
        if (engine == null) {
            try {
                engine = factory.create();
            } catch (SQLException | LinkageError e) {
                String why = e instanceof SQLException s ? errors.message(s) : String.valueOf(e.getMessage());
                throw Status.UNAVAILABLE.withDescription("report '" + reportId + "': " + engineName
                        + " could not start: " + why).asException();
            }
        }
        return engine;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // refusing the report already; the close error adds nothing
        }
    }

    @Override
    public List<ReportInfo> list() {
        List<ReportInfo> out = new ArrayList<>();
        Path root;
        try {
            root = directory.root().toRealPath();
        } catch (IOException e) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root, MAX_DEPTH)) {
            files.filter(p -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(root::relativize)
                    .map(rel -> rel.toString().replace('\\', '/'))
                    .filter(rel -> !rel.startsWith(".") && !rel.contains("/."))
                    .sorted()
                    .limit(MAX_LISTED)
                    .forEach(rel -> out.add(info(root.resolve(rel), rel.substring(0, rel.length() - 4))));
        } catch (IOException | UncheckedIOException e) {
            // an unreadable directory offers nothing rather than failing the whole catalog
        }
        return out;
    }

    private static ReportInfo info(Path file, String id) {
        ReportInfo.Builder b = ReportInfo.newBuilder().setId(id);
        try {
            SqlReportFile report = read(file, id);
            b.setTitle(report.title());
            report.params().values().forEach(p -> {
                ReportParameter.Builder param = ReportParameter.newBuilder().setName(p.name()).setType(p.type().wireName());
                if (p.defaultText() != null) {
                    param.setDefaultValue(p.defaultText());
                }
                b.addParameters(param);
            });
        } catch (StatusException e) {
            b.setTitle(id + " (not a valid SQL report: " + e.getStatus().getDescription() + ")");
        }
        return b.build();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
