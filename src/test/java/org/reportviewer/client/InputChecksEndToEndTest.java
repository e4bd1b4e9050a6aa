package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.proto.ReportServiceGrpc;
import org.reportviewer.server.DirectorySource;
import org.reportviewer.testing.LoopbackServer;
import org.reportviewer.testing.RecordingListener;

/** Every request check of the server, seen through the client over real loopback sockets. */
class InputChecksEndToEndTest {

    private static final String SECRET = "TOP SECRET: must never leave the server";

    @TempDir
    static Path base;
    private static Path reports;
    private static byte[] fileReport;
    private static LoopbackServer loopback;

    @BeforeAll
    static void start() throws IOException {
        reports = Files.createDirectories(base.resolve("reports"));
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(base.resolve("secret.txt"), SECRET);
        Files.writeString(outside.resolve("secret2.txt"), SECRET);
        fileReport = new byte[3 * DirectorySource.DEFAULT_CHUNK + 1234];
        new Random(1).nextBytes(fileReport);
        Files.createDirectories(reports.resolve("q3"));
        Files.write(reports.resolve("q3/sales.bin"), fileReport);
        Files.createSymbolicLink(reports.resolve("link.txt"), base.resolve("secret.txt"));
        Files.createSymbolicLink(reports.resolve("linkdir"), outside);
        loopback = LoopbackServer.standard(1, reports);
    }

    @AfterAll
    static void stop() {
        loopback.close();
    }

    private static RecordingListener fetch(String id, int startChunk) throws InterruptedException {
        RecordingListener l = new RecordingListener();
        loopback.client.fetch(FetchRequest.of(id).withStartChunk(startChunk), l);
        assertThat(l.done.await(20, TimeUnit.SECONDS)).as("stream ended").isTrue();
        return l;
    }

    private static void assertRefused(String id, int startChunk, Status.Code code, String message)
            throws InterruptedException {
        RecordingListener l = fetch(id, startChunk);
        assertThat(l.failure).as("status for '%s'", id).isNotNull();
        assertThat(l.failure.getCode()).as("status for '%s'", id).isEqualTo(code);
        assertThat(l.failure.getDescription()).as("message for '%s'", id).contains(message);
        assertThat(l.chunkNumbers).isEmpty();
    }

    @Test
    void emptyIdIsInvalid() throws Exception {
        assertRefused("", 0, Status.Code.INVALID_ARGUMENT, "report_id is empty");
    }

    @Test
    void idOverOneKibIsInvalidButOneKibIsAllowed() throws Exception {
        assertRefused("x".repeat(1025), 0, Status.Code.INVALID_ARGUMENT, "report_id is 1025 bytes; at most 1024");
        // Multi-byte characters count as bytes: 342 x 'é' (2 bytes each) = 684 bytes + 342 = 1026.
        assertRefused("é".repeat(342) + "x".repeat(342), 0, Status.Code.INVALID_ARGUMENT, "1026 bytes");
        assertRefused("x".repeat(1024), 0, Status.Code.NOT_FOUND, "no report 'xxx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo\u0000", "de\nmo", "\u0007bell", "tab\there", "del\u007f", "c1\u0085"})
    void controlCharactersAreInvalid(String id) throws Exception {
        assertRefused(id, 0, Status.Code.INVALID_ARGUMENT, "control character U+");
    }

    @Test
    void unknownIdIsNotFound() throws Exception {
        assertRefused("no-such-report", 0, Status.Code.NOT_FOUND, "no report 'no-such-report'");
    }

    @Test
    void negativeStartChunkIsInvalid() {
        // FetchRequest refuses a negative start itself, so send the raw request as any client could.
        ReportServiceGrpc.ReportServiceBlockingStub stub = ReportServiceGrpc.newBlockingStub(loopback.channel)
                .withDeadlineAfter(20, TimeUnit.SECONDS);
        ReportRequest request = ReportRequest.newBuilder().setReportId("demo").setStartChunk(-1).build();
        assertThatThrownBy(() -> stub.generateReport(request).hasNext())
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("start_chunk must be 0 or more, got -1");
                });
        assertThatThrownBy(() -> FetchRequest.of("demo").withStartChunk(-1)).hasMessageContaining("0 or more");
    }

    @Test
    void startChunkBeyondTheEndIsOutOfRange() throws Exception {
        assertRefused("demo", 10, Status.Code.OUT_OF_RANGE, "start_chunk 10 is beyond the end");
        assertRefused("q3/sales.bin", 4, Status.Code.OUT_OF_RANGE, "has 4 chunks (0..3)");
        RecordingListener last = fetch("demo", 9); // the last chunk itself is fine
        assertThat(last.failure).isNull();
        assertThat(last.chunkNumbers).containsExactly(9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../secret.txt", "q3/../../secret.txt", "./../secret.txt", "q3/./sales.bin",
            "link.txt", "linkdir/secret2.txt", "linkdir", "%2e%2e/secret.txt", "..%2fsecret.txt",
            "q3\\..\\..\\secret.txt", "//etc/passwd", "q3//sales.bin"})
    void traversalNeverReturnsTheOutsideFile(String id) throws Exception {
        RecordingListener l = fetch(id, 0);
        assertThat(l.failure).as("'%s' must be refused", id).isNotNull();
        assertThat(l.failure.getCode()).isIn(Status.Code.NOT_FOUND, Status.Code.INVALID_ARGUMENT);
        assertThat(l.failure.getDescription()).contains(id);
        assertThat(l.bytes()).isEmpty();
    }

    @Test
    void absolutePathsAreRefused() throws Exception {
        for (Path p : new Path[] {base.resolve("secret.txt"), reports.resolve("q3/sales.bin")}) {
            String id = p.toAbsolutePath().toString();
            RecordingListener l = fetch(id, 0);
            assertThat(l.failure.getCode()).as(id).isIn(Status.Code.NOT_FOUND, Status.Code.INVALID_ARGUMENT);
            assertThat(l.bytes()).isEmpty();
            assertThat(new String(l.bytes(), StandardCharsets.UTF_8)).doesNotContain("SECRET");
        }
    }

    @Test
    void aFileReportStreamsItsExactBytesWithTotalChunks() throws Exception {
        RecordingListener l = fetch("q3/sales.bin", 0);
        assertThat(l.failure).isNull();
        assertThat(l.bytes()).isEqualTo(fileReport);
        assertThat(l.chunkNumbers).containsExactlyElementsOf(IntStream.range(0, 4).boxed().toList());
        assertThat(l.totals).containsOnly(4);

        RecordingListener tail = fetch("q3/sales.bin", 3);
        assertThat(tail.bytes()).hasSize(1234);
        assertThat(tail.bytes()).isEqualTo(java.util.Arrays.copyOfRange(fileReport, 3 * DirectorySource.DEFAULT_CHUNK,
                fileReport.length));
    }
}
