package org.reportviewer.server;

import io.grpc.Status;
import io.grpc.StatusException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.reportviewer.proto.ReportInfo;
import org.reportviewer.server.sql.SqlReportSource;

/**
 * All the reports a server offers: checks ids once, then asks each source in turn. Closing it
 * closes the sources that hold resources (a database engine).
 */
public final class ReportCatalog implements AutoCloseable {

    public static final int MAX_ID_BYTES = 1024;

    private final List<ReportSource> sources;

    public ReportCatalog(List<ReportSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * Demo and synthetic reports, plus, when {@code reportsDir} is given, its {@code .sql} files as
     * SQL reports on DuckDB in this process and its other files as they are.
     */
    public static ReportCatalog standard(DirectorySource reportsDir) {
        return standard(reportsDir, reportsDir == null ? null : SqlReportSource.duckDb(reportsDir));
    }

    /** As {@link #standard(DirectorySource)}, with the SQL reports of {@code sql} (another engine). */
    public static ReportCatalog standard(DirectorySource reportsDir, SqlReportSource sql) {
        List<ReportSource> sources = new ArrayList<>(List.of(new DemoSource(), new SyntheticSource()));
        if (sql != null) {
            sources.add(sql); // before the directory: "sales/x" is sales/x.sql, not a missing file
        }
        if (reportsDir != null) {
            sources.add(reportsDir);
        }
        return new ReportCatalog(sources);
    }

    /**
     * Opens a report.
     *
     * @throws StatusException INVALID_ARGUMENT for a malformed id, NOT_FOUND for an unknown one
     */
    public Report open(String reportId) throws StatusException {
        checkId(reportId);
        for (ReportSource source : sources) {
            Optional<Report> report = source.open(reportId);
            if (report.isPresent()) {
                return report.get();
            }
        }
        throw Status.NOT_FOUND.withDescription("no report '" + reportId + "'").asException();
    }

    public List<ReportInfo> list() {
        List<ReportInfo> all = new ArrayList<>();
        sources.forEach(s -> all.addAll(s.list()));
        return all;
    }

    static void checkId(String reportId) throws StatusException {
        if (reportId.isEmpty()) {
            throw invalid("report_id is empty");
        }
        int bytes = reportId.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ID_BYTES) {
            throw invalid("report_id is " + bytes + " bytes; at most " + MAX_ID_BYTES + " are allowed");
        }
        for (int i = 0; i < reportId.length(); i++) {
            char c = reportId.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw invalid(String.format("report_id contains control character U+%04X at position %d", (int) c, i));
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < reportId.length()
                    && Character.isLowSurrogate(reportId.charAt(++i)))) {
                throw invalid("report_id is not valid Unicode");
            }
        }
    }

    private static StatusException invalid(String why) {
        return Status.INVALID_ARGUMENT.withDescription(why).asException();
    }

    @Override
    public void close() {
        for (ReportSource source : sources) {
            if (source instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // shutting down: a source that fails to close has nothing more to serve
                }
            }
        }
    }
}
