package org.reportviewer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.grpc.Status.Code;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.testing.LoopbackServer;
import org.reportviewer.testing.RawCalls;
import org.reportviewer.testing.RawCalls.Outcome;

/**
 * Bad requests against a real server on loopback, sent as raw request bytes so that nothing in a
 * client library can clean them up first. Each must end with its status and a message naming the
 * problem, deliver no data, and leave the server serving the next good request.
 */
class HostileInputTest {

    private static final long DEADLINE_MS = 10_000;
    private static final String SECRET = "top secret, outside the reports directory\n";

    @TempDir
    static Path base;
    private static Path outside;
    private static LoopbackServer loopback;

    /** One bad request and what the server must answer. */
    record Case(String name, byte[] request, Code expected, String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() throws IOException {
        Path reports = Files.createDirectories(base.resolve("reports"));
        outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.writeString(reports.resolve("good.txt"), "a good report\n");
        Files.createDirectories(reports.resolve("sub"));
        Files.writeString(reports.resolve("sub/inner.txt"), "inner\n");
        Files.createSymbolicLink(reports.resolve("link-out.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(reports.resolve("dir-out"), outside);
        Files.createSymbolicLink(reports.resolve("sub/up.txt"), Path.of("../../outside/secret.txt"));
        loopback = LoopbackServer.standard(0, reports);
    }

    @AfterAll
    static void stop() {
        if (loopback != null) {
            try {
                // No refused request left a stream running (the server may still be closing the last call).
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(loopback.server.metrics().activeStreams()).isZero());
            } finally {
                loopback.close();
            }
        }
    }

    static Stream<Case> badRequests() {
        List<Case> c = new ArrayList<>();
        // Ids: size and characters.
        c.add(of("empty id", id(""), Code.INVALID_ARGUMENT, "report_id is empty"));
        c.add(of("1025-byte id", id("a".repeat(1025)), Code.INVALID_ARGUMENT, "1025 bytes; at most 1024"));
        c.add(of("10000-byte id", id("d".repeat(10_000)), Code.INVALID_ARGUMENT, "10000 bytes"));
        c.add(of("600 two-byte chars = 1200 bytes", id("é".repeat(600)), Code.INVALID_ARGUMENT, "1200 bytes"));
        c.add(of("NUL", id("demo\0"), Code.INVALID_ARGUMENT, "control character U+0000 at position 4"));
        c.add(of("newline (log injection)", id("demo\nINFO access - fake"), Code.INVALID_ARGUMENT, "U+000A"));
        c.add(of("carriage return", id("demo\r"), Code.INVALID_ARGUMENT, "U+000D"));
        c.add(of("tab", id("de\tmo"), Code.INVALID_ARGUMENT, "U+0009"));
        c.add(of("DEL", id("demo\u007f"), Code.INVALID_ARGUMENT, "U+007F"));
        c.add(of("C1 control NEL", id("demo\u0085"), Code.INVALID_ARGUMENT, "U+0085"));
        c.add(of("line separator U+2028", id("demo\u2028"), Code.INVALID_ARGUMENT, "U+2028"));
        c.add(of("paragraph separator U+2029", id("\u2029demo"), Code.INVALID_ARGUMENT, "U+2029"));
        // Raw bytes that are not valid UTF-8, or not a ReportRequest at all.
        c.add(of("invalid UTF-8 byte 0xFF", rawId(0x64, 0xff, 0x6f), Code.INVALID_ARGUMENT, "invalid UTF-8"));
        c.add(of("overlong '/' (C0 AF)", rawId(0x2e, 0x2e, 0xc0, 0xaf, 0x78), Code.INVALID_ARGUMENT, "invalid UTF-8"));
        c.add(of("unpaired high surrogate as CESU-8 (ED A0 80)", rawId(0x61, 0xed, 0xa0, 0x80), Code.INVALID_ARGUMENT,
                "invalid UTF-8"));
        c.add(of("unpaired low surrogate as CESU-8 (ED B0 80)", rawId(0xed, 0xb0, 0x80), Code.INVALID_ARGUMENT,
                "invalid UTF-8"));
        c.add(of("truncated 3-byte sequence", rawId(0x61, 0xe2, 0x82), Code.INVALID_ARGUMENT, "invalid UTF-8"));
        c.add(of("garbage bytes", bytes(0xff, 0xff, 0xff, 0xff), Code.INVALID_ARGUMENT, "not a valid ReportRequest"));
        c.add(of("length longer than the message", bytes(0x0a, 0x10, 0x61), Code.INVALID_ARGUMENT,
                "not a valid ReportRequest"));
        c.add(of("id sent as a varint (wrong wire type)", bytes(0x08, 0x01), Code.INVALID_ARGUMENT,
                "report_id is empty"));
        // Traversal and names outside the reports directory.
        c.add(of("..", id(".."), Code.INVALID_ARGUMENT, "may not contain empty, '.' or '..' parts"));
        c.add(of("../outside/secret.txt", id("../outside/secret.txt"), Code.INVALID_ARGUMENT, "'..' parts"));
        c.add(of("a/../../x", id("a/../../x"), Code.INVALID_ARGUMENT, "'..' parts"));
        c.add(of("sub/../good.txt (.. even when it stays inside)", id("sub/../good.txt"), Code.INVALID_ARGUMENT,
                "'..' parts"));
        c.add(of("./good.txt", id("./good.txt"), Code.INVALID_ARGUMENT, "'.'"));
        c.add(of("sub//inner.txt", id("sub//inner.txt"), Code.INVALID_ARGUMENT, "empty"));
        c.add(of("absolute /etc/passwd", id("/etc/passwd"), Code.INVALID_ARGUMENT, "relative name"));
        c.add(of("absolute path of the secret", id(outside.resolve("secret.txt").toString()), Code.INVALID_ARGUMENT,
                "relative name"));
        c.add(of("file:// URL", id("file:///etc/passwd"), Code.INVALID_ARGUMENT, "empty"));
        c.add(of("symlink to a file outside", id("link-out.txt"), Code.NOT_FOUND, "no report 'link-out.txt'"));
        c.add(of("symlinked directory outside", id("dir-out/secret.txt"), Code.NOT_FOUND, "no report"));
        c.add(of("relative symlink climbing out", id("sub/up.txt"), Code.NOT_FOUND, "no report"));
        c.add(of("URL-encoded ../ (%2e%2e%2f)", id("%2e%2e%2foutside%2fsecret.txt"), Code.NOT_FOUND,
                "no report '%2e%2e%2f"));
        c.add(of("half-encoded %2e%2e/", id("%2e%2e/outside/secret.txt"), Code.NOT_FOUND, "no report"));
        c.add(of("double-encoded %252e%252e%252f", id("%252e%252e%252foutside"), Code.NOT_FOUND, "no report"));
        c.add(of("backslash ..\\", id("..\\outside\\secret.txt"), Code.INVALID_ARGUMENT, "'/' separators"));
        c.add(of("Windows path", id("C:\\Windows\\win.ini"), Code.INVALID_ARGUMENT, "'/' separators"));
        c.add(of("home shorthand ~/", id("~/.ssh/id_rsa"), Code.NOT_FOUND, "no report"));
        c.add(of("unknown id", id("nope"), Code.NOT_FOUND, "no report 'nope'"));
        c.add(of("case differs (DEMO)", id("DEMO"), Code.NOT_FOUND, "no report 'DEMO'"));
        // Synthetic parameters.
        c.add(of("synthetic size=0", id("synthetic?size=0"), Code.INVALID_ARGUMENT, "size must be between 1 B"));
        c.add(of("synthetic size=-1", id("synthetic?size=-1"), Code.INVALID_ARGUMENT, "'-1' is not a size"));
        c.add(of("synthetic size over the limit", id("synthetic?size=65GiB"), Code.INVALID_ARGUMENT,
                "size must be between"));
        c.add(of("synthetic size overflowing a long", id("synthetic?size=9223372036854775807GiB"),
                Code.INVALID_ARGUMENT, "too large"));
        c.add(of("synthetic size of 20 digits", id("synthetic?size=99999999999999999999"), Code.INVALID_ARGUMENT,
                "is not a size"));
        c.add(of("synthetic chunk=0", id("synthetic?chunk=0"), Code.INVALID_ARGUMENT, "chunk must be between"));
        c.add(of("synthetic chunk=-5", id("synthetic?chunk=-5"), Code.INVALID_ARGUMENT, "'-5' is not a size"));
        c.add(of("synthetic chunk over 1 MiB", id("synthetic?chunk=2MiB"), Code.INVALID_ARGUMENT,
                "chunk must be between"));
        c.add(of("synthetic with more than 2^31 chunks", id("synthetic?size=64GiB&chunk=1B"), Code.INVALID_ARGUMENT,
                "more than 2147483647 chunks"));
        c.add(of("synthetic unknown parameter", id("synthetic?color=red"), Code.INVALID_ARGUMENT,
                "unknown parameter 'color'"));
        c.add(of("synthetic duplicate parameter", id("synthetic?size=1KiB&size=2KiB"), Code.INVALID_ARGUMENT,
                "'size' given twice"));
        c.add(of("synthetic negative delay", id("synthetic?delay=-1"), Code.INVALID_ARGUMENT, "delay must be between"));
        c.add(of("synthetic delay not a number", id("synthetic?delay=soon"), Code.INVALID_ARGUMENT,
                "'soon' is not a number"));
        c.add(of("synthetic delay over a minute", id("synthetic?delay=60001"), Code.INVALID_ARGUMENT,
                "delay must be between"));
        c.add(of("synthetic parameter without value", id("synthetic?size"), Code.INVALID_ARGUMENT,
                "'size' is not key=value"));
        c.add(of("synthetic empty parameter", id("synthetic?&size=1KiB"), Code.INVALID_ARGUMENT, "is not key=value"));
        // start_chunk.
        c.add(of("start_chunk -1", id("demo", -1), Code.INVALID_ARGUMENT, "start_chunk must be 0 or more, got -1"));
        c.add(of("start_chunk MIN_VALUE", id("demo", Integer.MIN_VALUE), Code.INVALID_ARGUMENT,
                "got -2147483648"));
        c.add(of("start_chunk one past the end", id("demo", 10), Code.OUT_OF_RANGE, "has 10 chunks (0..9)"));
        c.add(of("start_chunk MAX_VALUE", id("demo", Integer.MAX_VALUE), Code.OUT_OF_RANGE, "beyond the end"));
        c.add(of("start_chunk past a file's end", id("good.txt", 1), Code.OUT_OF_RANGE, "has 1 chunks"));
        c.add(of("start_chunk past a synthetic end", id("synthetic?size=1000B&chunk=100B", 10), Code.OUT_OF_RANGE,
                "has 10 chunks"));
        c.add(of("start_chunk as a 64-bit varint (read as its low 32 bits: 20)", startChunkVarint(0xABCD_0000_0014L),
                Code.OUT_OF_RANGE, "start_chunk 20 is beyond the end"));
        c.add(of("start_chunk as a 10-byte negative varint", startChunkVarint(-7L), Code.INVALID_ARGUMENT,
                "got -7"));
        // Framing: a call that carries no request at all.
        c.add(of("no request message", null, Code.INVALID_ARGUMENT, "no request message"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsRefusedAndTheServerKeepsServing(Case bad) {
        Outcome outcome = bad.request() == null ? RawCalls.callWithoutMessage(loopback.channel, DEADLINE_MS)
                : RawCalls.call(loopback.channel, bad.request(), DEADLINE_MS);

        assertThat(outcome.code()).as("status of %s: %s", bad, outcome).isEqualTo(bad.expected());
        assertThat(outcome.status().getDescription()).as("message of %s", bad).contains(bad.messagePart());
        assertThat(outcome.messages()).as("data delivered for %s", bad).isZero();
        assertGoodRequestStillCompletes();
    }

    @Test
    void unknownFieldsAreIgnoredForwardCompatibly() throws IOException {
        // A newer client may send fields this server does not know: that is not an error.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        coded.writeString(1, "good.txt");
        coded.writeUInt64(15, 42);
        coded.writeBytes(99, ByteString.copyFromUtf8("future"));
        coded.flush();
        Outcome outcome = RawCalls.call(loopback.channel, out.toByteArray(), DEADLINE_MS);
        assertThat(outcome.code()).isEqualTo(Code.OK);
        assertThat(outcome.bytes()).isEqualTo("a good report\n".length());
    }

    @Test
    void symlinkInsideTheDirectoryIsServed() throws IOException {
        // The positive control for the symlink cases: the rule is "where it really is", not "no links".
        Path link = base.resolve("reports/link-in.txt");
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, Path.of("good.txt"));
        }
        Outcome outcome = RawCalls.call(loopback.channel, id("link-in.txt"), DEADLINE_MS);
        assertThat(outcome.code()).isEqualTo(Code.OK);
        assertThat(outcome.bytes()).isEqualTo("a good report\n".length());
    }

    @Test
    void oversizeRequestIsRejectedAndTheServerKeepsServing() {
        byte[] big = id("x".repeat(ReportServer.MAX_REQUEST_BYTES + 100));
        Outcome outcome = RawCalls.call(loopback.channel, big, DEADLINE_MS);
        assertThat(outcome.code()).isEqualTo(Code.RESOURCE_EXHAUSTED);
        assertThat(outcome.status().getDescription()).contains("exceeds maximum size " + ReportServer.MAX_REQUEST_BYTES);
        assertGoodRequestStillCompletes();

        // Just under the limit is parsed (and then refused for its id length, not its size).
        byte[] under = id("x".repeat(ReportServer.MAX_REQUEST_BYTES - 10));
        assertThat(under.length).isLessThanOrEqualTo(ReportServer.MAX_REQUEST_BYTES);
        assertThat(RawCalls.call(loopback.channel, under, DEADLINE_MS).code()).isEqualTo(Code.INVALID_ARGUMENT);
        assertGoodRequestStillCompletes();
    }

    private static void assertGoodRequestStillCompletes() {
        Outcome good = RawCalls.call(loopback.channel, id("synthetic?size=4KiB&chunk=1KiB"), DEADLINE_MS);
        assertThat(good.code()).as("a good request after a bad one: %s", good).isEqualTo(Code.OK);
        assertThat(good.messages()).isEqualTo(4);
        assertThat(good.bytes()).isEqualTo(4096);
    }

    private static Case of(String name, byte[] request, Code expected, String messagePart) {
        return new Case(name, request, expected, messagePart);
    }

    static byte[] id(String reportId) {
        return ReportRequest.newBuilder().setReportId(reportId).build().toByteArray();
    }

    static byte[] id(String reportId, int startChunk) {
        return ReportRequest.newBuilder().setReportId(reportId).setStartChunk(startChunk).build().toByteArray();
    }

    /** Field 1 (report_id) holding exactly these bytes, whatever they are. */
    private static byte[] rawId(int... b) {
        byte[] out = new byte[b.length + 2];
        out[0] = 0x0a;
        out[1] = (byte) b.length;
        for (int i = 0; i < b.length; i++) {
            out[i + 2] = (byte) b[i];
        }
        return out;
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    /** report_id "demo" and start_chunk as a raw 64-bit varint: protobuf keeps its low 32 bits. */
    private static byte[] startChunkVarint(long value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CodedOutputStream coded = CodedOutputStream.newInstance(out);
            coded.writeString(1, "demo");
            coded.writeUInt64(2, value);
            coded.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
