package org.reportviewer.server;

import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line per GenerateReport call: report id, chunks, bytes, status, duration. */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("org.reportviewer.server.access");

    void log(CallRecord record) {
        if (record.status() == Status.Code.OK || record.status() == Status.Code.CANCELLED
                || record.status() == Status.Code.DEADLINE_EXCEEDED) {
            LOG.info(record.logLine());
        } else {
            LOG.warn(record.logLine());
        }
    }
}
