package org.reportviewer.testing;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.reportviewer.server.CallRecord;
import org.reportviewer.server.ServerMetrics;

/** Collects the server's finished-call records so tests can wait for what the server observed. */
public final class CallRecords implements Consumer<CallRecord> {

    private final LinkedBlockingQueue<CallRecord> records = new LinkedBlockingQueue<>();

    private final String reportId;

    private CallRecords(String reportId) {
        this.reportId = reportId;
    }

    public static CallRecords on(ServerMetrics metrics) {
        return on(metrics, null);
    }

    /**
     * Only calls for {@code reportId}: a server shared by several tests may still be finishing an
     * earlier test's call when this one starts listening.
     */
    public static CallRecords on(ServerMetrics metrics, String reportId) {
        CallRecords r = new CallRecords(reportId);
        metrics.addListener(r);
        return r;
    }

    @Override
    public void accept(CallRecord record) {
        if (reportId == null || reportId.equals(record.reportId())) {
            records.add(record);
        }
    }

    /** The next finished call, or an AssertionError when none ends in time. */
    public CallRecord next(Duration timeout) throws InterruptedException {
        CallRecord r = records.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("the server recorded no finished call within " + timeout);
        }
        return r;
    }
}
