package org.reportviewer.client;

import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reportviewer.proto.ListReportsRequest;
import org.reportviewer.proto.ListReportsResponse;
import org.reportviewer.proto.ReportServiceGrpc;

/**
 * Client of a ReportService over any {@link Channel}: the same code serves the CLI and the desktop
 * app. Holds no JavaFX types and owns no channel.
 */
public final class ReportClient {

    /** The catalog of a server; {@code supported} is false for servers without ListReports. */
    public record Catalog(boolean supported, List<CatalogEntry> reports) {
        public static Catalog unsupported() {
            return new Catalog(false, List.of());
        }
    }

    private final ReportServiceGrpc.ReportServiceStub stub;

    public ReportClient(Channel channel) {
        this(channel, null);
    }

    /** @param credentials sent with every call (a bearer token), or {@code null} */
    public ReportClient(Channel channel, CallCredentials credentials) {
        ReportServiceGrpc.ReportServiceStub s = ReportServiceGrpc.newStub(channel);
        this.stub = credentials == null ? s : s.withCallCredentials(credentials);
    }

    /**
     * Starts streaming a report. The call runs inside its own {@link Context.CancellableContext}, so
     * {@link ReportCall#cancel()} is safe from any thread, including a UI thread.
     */
    public ReportCall fetch(FetchRequest request, ReportListener listener) {
        Context.CancellableContext context = Context.current().withCancellation();
        ReportCall call = new ReportCall(request, listener, context, stub.getChannel().authority());
        ReportServiceGrpc.ReportServiceStub traced = stub.withInterceptors(call.capture());
        ReportServiceGrpc.ReportServiceStub s = request.deadline() == null ? traced
                : traced.withDeadlineAfter(request.deadline().toNanos(), TimeUnit.NANOSECONDS);
        // What s.generateReport(...) does, with the chunk marshaller that parses without a second copy.
        context.run(() -> ClientCalls.asyncServerStreamingCall(
                s.getChannel().newCall(ChunkMarshaller.GENERATE_REPORT, s.getCallOptions()), call.toProto(),
                call.observer()));
        return call;
    }

    /** Asks for the catalog; completes with {@link Catalog#unsupported()} on UNIMPLEMENTED. */
    public CompletableFuture<Catalog> listReports(Duration deadline) {
        CompletableFuture<Catalog> out = new CompletableFuture<>();
        stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .listReports(ListReportsRequest.getDefaultInstance(), new StreamObserver<>() {
                    @Override
                    public void onNext(ListReportsResponse value) {
                        out.complete(new Catalog(true, value.getReportsList().stream().map(CatalogEntry::from).toList()));
                    }

                    @Override
                    public void onError(Throwable t) {
                        if (Status.fromThrowable(t).getCode() == Status.Code.UNIMPLEMENTED) {
                            out.complete(Catalog.unsupported());
                        } else {
                            out.completeExceptionally(t instanceof StatusRuntimeException ? t
                                    : Status.fromThrowable(t).asRuntimeException());
                        }
                    }

                    @Override
                    public void onCompleted() {
                        out.complete(Catalog.unsupported()); // no response at all: treat as no catalog
                    }
                });
        return out;
    }
}
