package org.reportviewer.server.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.reportviewer.proto.ReportChunk;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.proto.ReportServiceGrpc;
import org.reportviewer.server.CallRecord;
import org.reportviewer.testing.CallRecords;
import org.reportviewer.testing.LoopbackServer;

/** Runs GenerateReport calls to the end and keeps every chunk, for exact-byte assertions. */
final class SqlCalls {

    /** How a call ended and what it delivered, chunk by chunk. */
    record Fetched(Status status, List<byte[]> chunks) {
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            chunks.forEach(out::writeBytes);
            return out.toByteArray();
        }

        String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Status.Code code() {
            return status.getCode();
        }

        String message() {
            return status.getDescription();
        }
    }

    private SqlCalls() {}

    /** Writes a report file {@code name} (folders included) under the reports folder. */
    static void writeReport(Path reports, String name, String sql) throws IOException {
        Path p = reports.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, sql);
    }

    /**
     * Starts the hours-long report {@code "forever"}, waits until {@code working} says the database is
     * at it, cancels as the viewer's Cancel does, and checks the access log names the cancelled query;
     * then waits until {@code stopped} says the database's work is gone and the call ended CANCELLED.
     */
    static void cancelOnceWorking(LoopbackServer server, Runnable working, Runnable stopped) throws Exception {
        CallRecords records = CallRecords.on(server.server.metrics(), "forever");
        Context.CancellableContext context = Context.current().withCancellation();
        CompletableFuture<Fetched> call = context.call(() -> start(server.channel, "forever", 0, Duration.ofHours(2)));
        working.run();
        context.cancel(null); // what the viewer's Cancel does
        CallRecord record = records.next(Duration.ofSeconds(30));
        assertThat(record.status()).isEqualTo(Status.Code.CANCELLED);
        assertThat(record.logLine()).contains("cancelled after 0 chunks").contains("the database query was cancelled");
        stopped.run();
        assertThat(call.get(10, TimeUnit.SECONDS).code()).isEqualTo(Status.Code.CANCELLED);
    }

    static Fetched fetch(Channel channel, String id) {
        return fetch(channel, id, 0, Duration.ofSeconds(60));
    }

    static Fetched fetch(Channel channel, String id, int startChunk, Duration deadline) {
        CompletableFuture<Fetched> done = start(channel, id, startChunk, deadline);
        try {
            return done.get(deadline.toMillis() + 30_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the call for '" + id + "' did not end: " + e, e);
        }
    }

    static CompletableFuture<Fetched> start(Channel channel, String id, int startChunk, Duration deadline) {
        return start(channel, id, startChunk, deadline, new AtomicInteger());
    }

    /** Like {@link #start(Channel, String, int, Duration)}, counting chunks in {@code received} as they arrive. */
    static CompletableFuture<Fetched> start(Channel channel, String id, int startChunk, Duration deadline,
            AtomicInteger received) {
        CompletableFuture<Fetched> done = new CompletableFuture<>();
        List<byte[]> chunks = new ArrayList<>();
        ReportServiceGrpc.newStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .generateReport(ReportRequest.newBuilder().setReportId(id).setStartChunk(startChunk).build(),
                        new StreamObserver<>() {
                            @Override
                            public void onNext(ReportChunk value) {
                                chunks.add(value.getData().toByteArray());
                                received.incrementAndGet();
                            }

                            @Override
                            public void onError(Throwable t) {
                                done.complete(new Fetched(Status.fromThrowable(t), chunks));
                            }

                            @Override
                            public void onCompleted() {
                                done.complete(new Fetched(Status.OK, chunks));
                            }
                        });
        return done;
    }
}
