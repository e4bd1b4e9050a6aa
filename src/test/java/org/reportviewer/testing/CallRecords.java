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

    public static CallRecords on(ServerMetrics metrics) {
        CallRecords r = new CallRecords();
        metrics.addListener(r);
        return r;
    }

    @Override
    public void accept(CallRecord record) {
        records.add(record);
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
