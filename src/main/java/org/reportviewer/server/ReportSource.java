package org.reportviewer.server;

import io.grpc.StatusException;
import java.util.List;
import java.util.Optional;
import org.reportviewer.proto.ReportInfo;

/** A family of reports the server can generate (demo, synthetic, files of a directory). */
public interface ReportSource {

    /**
     * Opens the report with this id, or returns empty when the id is not one of this source's.
     *
     * @throws StatusException INVALID_ARGUMENT / NOT_FOUND when the id is this source's but bad
     */
    Optional<Report> open(String reportId) throws StatusException;

    /** What this source offers, for the catalog (ListReports). */
    List<ReportInfo> list();
}
