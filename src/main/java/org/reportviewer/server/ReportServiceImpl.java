package org.reportviewer.server;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.reportviewer.proto.ListReportsRequest;
import org.reportviewer.proto.ListReportsResponse;
import org.reportviewer.proto.ReportChunk;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.proto.ReportServiceGrpc;

/** The ReportService: checks the request, opens the report and hands it to a {@link ChunkPump}. */
public final class ReportServiceImpl extends ReportServiceGrpc.ReportServiceImplBase {

    private final ReportCatalog catalog;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final ServerMetrics metrics;
    private final AccessLog accessLog = new AccessLog();

    /**
     * @param executor where chunks are produced (the server's executor)
     * @param scheduler wakes up reports that simulate production time
     */
    public ReportServiceImpl(ReportCatalog catalog, Executor executor, ScheduledExecutorService scheduler,
            ServerMetrics metrics) {
        this.catalog = catalog;
        this.executor = executor;
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    @Override
    public void generateReport(ReportRequest request, StreamObserver<ReportChunk> responseObserver) {
        long started = System.nanoTime();
        String id = request.getReportId();
        Report report = null;
        try {
            if (request.getStartChunk() < 0) {
                throw Status.INVALID_ARGUMENT
                        .withDescription("start_chunk must be 0 or more, got " + request.getStartChunk())
                        .asException();
            }
            report = catalog.open(id);
            int total = report.totalChunks();
            if (total > 0 && request.getStartChunk() >= total) {
                throw Status.OUT_OF_RANGE.withDescription("start_chunk " + request.getStartChunk()
                        + " is beyond the end: report '" + id + "' has " + total + " chunks (0.." + (total - 1) + ")")
                        .asException();
            }
        } catch (StatusException e) {
            closeQuietly(report);
            responseObserver.onError(e);
            CallRecord record = new CallRecord(id, request.getStartChunk(), 0, 0, e.getStatus().getCode(),
                    e.getStatus().getDescription(), System.nanoTime() - started, 0, -1);
            accessLog.log(record);
            metrics.recordFinished(record);
            return;
        }
        new ChunkPump((ServerCallStreamObserver<ReportChunk>) responseObserver, report, id,
                request.getStartChunk(), executor, scheduler, metrics, accessLog).start();
    }

    @Override
    public void listReports(ListReportsRequest request, StreamObserver<ListReportsResponse> responseObserver) {
        responseObserver.onNext(ListReportsResponse.newBuilder().addAllReports(catalog.list()).build());
        responseObserver.onCompleted();
    }

    private static void closeQuietly(Report report) {
        if (report != null) {
            try {
                report.close();
            } catch (Exception ignored) {
                // refused before streaming; nothing to report
            }
        }
    }
}
