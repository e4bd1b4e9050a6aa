package org.reportviewer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.testing.LoopbackServer;
import org.reportviewer.testing.RawCalls;
import org.reportviewer.testing.RawCalls.Outcome;

/**
 * A seeded random loop against a real server: random bytes as the request message, and random
 * valid-but-odd ReportRequests (unicode ids, synthetic parameters, traversal pieces, start chunks).
 * Never a crash (no SEVERE log, no UNKNOWN/INTERNAL), never a hang (every call ends well before its
 * deadline), only the statuses a bad request deserves; the server serves a good request at the end.
 *
 * <p>Reproduce a failure with {@code -Dfuzz.seed=<seed>} (the seed is in every assertion message);
 * run longer with {@code -Dfuzz.bytes=N -Dfuzz.messages=N}.
 */
class RequestFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_2026L);
    private static final int RANDOM_BYTES = Integer.getInteger("fuzz.bytes", 800);
    private static final int ODD_MESSAGES = Integer.getInteger("fuzz.messages", 800);
    private static final int IN_FLIGHT = 32;
    private static final long DEADLINE_MS = 30_000;
    /** What a request can deserve. CANCELLED only because the fuzzer cancels after the first chunk. */
    private static final Set<Code> ALLOWED = EnumSet.of(Code.OK, Code.CANCELLED, Code.INVALID_ARGUMENT,
            Code.NOT_FOUND, Code.OUT_OF_RANGE);

    private static final String[] SEGMENTS = {"..", ".", "", "good.txt", "sub", "inner.txt", "%2e%2e", "%2f",
        "\\", "..\\..", "link-out.txt", "~", "C:", "demo", "synthetic", "\u202e", "\ufeff", "a".repeat(300)};

    @TempDir
    Path dir;
    private LoopbackServer loopback;
    private final List<LogRecord> severe = new ArrayList<>();
    private final Handler severeCatcher = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                synchronized (severe) {
                    severe.add(record);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void start() throws IOException {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Files.writeString(reports.resolve("good.txt"), "good\n");
        Files.createDirectories(reports.resolve("sub"));
        Files.writeString(reports.resolve("sub/inner.txt"), "inner\n");
        Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("secret.txt"), "secret\n");
        Files.createSymbolicLink(reports.resolve("link-out.txt"), dir.resolve("outside/secret.txt"));
        loopback = LoopbackServer.standard(0, reports);
        // gRPC logs through java.util.logging: an exception escaping a handler shows up as SEVERE.
        Logger.getLogger("io.grpc").addHandler(severeCatcher);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("io.grpc").removeHandler(severeCatcher);
        loopback.close();
    }

    @Test
    void randomBytesAndOddRequestsNeverCrashOrHang() throws Exception {
        Random random = new Random(SEED);
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < RANDOM_BYTES; i++) {
            requests.add(randomBytes(random));
        }
        for (int i = 0; i < ODD_MESSAGES; i++) {
            requests.add(oddRequest(random).toByteArray());
        }

        Semaphore window = new Semaphore(IN_FLIGHT);
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Outcome>> all = new ArrayList<>();
        for (byte[] request : requests) {
            window.acquire();
            CompletableFuture<Outcome> call = RawCalls.start(loopback.channel, request, DEADLINE_MS, 1);
            call.whenComplete((outcome, error) -> {
                window.release();
                String problem = judge(request, outcome, error);
                if (problem != null) {
                    unexpected.add(problem);
                }
            });
            all.add(call);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(DEADLINE_MS * 2, TimeUnit.MILLISECONDS);

        assertThat(unexpected).as("seed %d: unexpected outcomes", SEED).isEmpty();
        synchronized (severe) {
            assertThat(severe).as("seed %d: SEVERE logs from gRPC", SEED).extracting(LogRecord::getMessage).isEmpty();
        }
        Outcome good = RawCalls.call(loopback.channel, ReportRequest.newBuilder().setReportId("demo").build()
                .toByteArray(), DEADLINE_MS);
        assertThat(good.code()).as("seed %d: a good request at the end", SEED).isEqualTo(Code.OK);
        assertThat(good.messages()).isEqualTo(10);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> loopback.server.metrics().activeStreams() == 0);
        System.out.printf("FUZZ seed=%d requests=%d started=%d completed=%d cancelled=%d failed=%d%n", SEED,
                requests.size(), loopback.server.metrics().started(), loopback.server.metrics().completed(),
                loopback.server.metrics().cancelled(), loopback.server.metrics().failed());
    }

    /** Null when the outcome is one this request may get; otherwise what was wrong. */
    private static String judge(byte[] request, Outcome outcome, Throwable error) {
        String what = "request " + hex(request) + ": ";
        if (error != null) {
            return what + "the call did not end: " + error;
        }
        Code code = outcome.code();
        if (code == Code.RESOURCE_EXHAUSTED && request.length > ReportServer.MAX_REQUEST_BYTES) {
            return null;
        }
        if (!ALLOWED.contains(code)) {
            return what + "unexpected " + outcome;
        }
        if (code == Code.CANCELLED && outcome.messages() < 1) {
            return what + "cancelled before the client asked: " + outcome;
        }
        if (code != Code.OK && code != Code.CANCELLED
                && (outcome.status().getDescription() == null || outcome.status().getDescription().isBlank())) {
            return what + "refused without a message: " + outcome;
        }
        if (outcome.messages() > 0) {
            String wrong = wrongData(request, outcome.firstData());
            if (wrong != null) {
                return what + code + " but " + wrong;
            }
        }
        return null;
    }

    /**
     * Null when {@code data}, the first chunk a request got, is what it asked for; else what is wrong.
     * An accepted request must deliver exactly its report's bytes, never a file from outside the folder.
     */
    private static String wrongData(byte[] request, byte[] data) {
        String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        if (text.contains("secret")) {
            return "it read a file outside the reports folder: " + text;
        }
        ReportRequest r;
        try {
            r = ReportRequest.parseFrom(request);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return "the server answered a request that is not a ReportRequest";
        }
        String id = r.getReportId();
        int start = r.getStartChunk();
        String expected = switch (id) {
            case "demo" -> "This is chunk " + start + " of report demo\n";
            case "good.txt" -> "good\n";
            case "sub/inner.txt" -> "inner\n";
            default -> null;
        };
        if (expected != null) {
            return text.equals(expected) ? null : "chunk " + start + " of '" + id + "' was '" + text + "'";
        }
        if (id.startsWith("synthetic")) {
            return text.matches("[0-9A-Za-z_,.\\- \n]*") ? null : "synthetic data is not CSV text: " + text;
        }
        // Any other id that got data must be one of the files or reports under another spelling.
        return text.equals("good\n") || text.equals("inner\n") || text.matches("This is chunk \\d of report demo\n")
                ? null : "unexpected data for '" + id + "': " + text;
    }

    private static byte[] randomBytes(Random random) {
        int kind = random.nextInt(10);
        int length = kind == 0 ? ReportServer.MAX_REQUEST_BYTES + 1 + random.nextInt(4096)
                : kind < 3 ? random.nextInt(8) : random.nextInt(kind < 8 ? 64 : 2048);
        byte[] b = new byte[length];
        random.nextBytes(b);
        if (length > 2 && random.nextBoolean()) {
            // Often a plausible field-1 header, so the fuzzer reaches the string checks, not just the parser.
            b[0] = 0x0a;
            b[1] = (byte) Math.min(length - 2, 127);
        }
        return b;
    }

    private static ReportRequest oddRequest(Random random) {
        String id = switch (random.nextInt(5)) {
            case 0 -> randomUnicode(random, random.nextInt(random.nextBoolean() ? 20 : 1100));
            case 1 -> randomSynthetic(random);
            case 2 -> randomPath(random);
            case 3 -> random.nextBoolean() ? "demo" : "good.txt";
            default -> randomUnicode(random, 1 + random.nextInt(8)) + "/" + randomPath(random);
        };
        return ReportRequest.newBuilder().setReportId(id).setStartChunk(randomStart(random)).build();
    }

    private static int randomStart(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt();
            case 1 -> Integer.MAX_VALUE;
            case 2 -> Integer.MIN_VALUE;
            case 3 -> random.nextInt(12) - 1;
            default -> 0;
        };
    }

    private static String randomUnicode(Random random, int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            int cp = switch (random.nextInt(6)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> random.nextInt(0x800);
                case 2 -> random.nextInt(0x10000); // includes unpaired surrogates (sent as '?')
                case 3 -> 0x10000 + random.nextInt(0x100000);
                case 4 -> "\u0000\n\r\t\u007f\u0085\u2028\u2029\u202e\ufeff\uffff".codePointAt(random.nextInt(11));
                default -> 'a' + random.nextInt(26);
            };
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    private static String randomSynthetic(Random random) {
        String[] keys = {"size", "chunk", "delay", "size", "chunk", "colour", "", "SIZE"};
        String[] values = {"0", "-1", "1", "1B", "7", "100", "4KiB", "64KiB", "1MiB", "2MiB", "1GiB", "65GiB",
            "99999999999999999999", "9223372036854775807", "1.5KiB", "", "KiB", "0x10", "١٢", " 5 ", "1e3", "5ms"};
        StringBuilder b = new StringBuilder("synthetic");
        int params = random.nextInt(4);
        for (int i = 0; i < params; i++) {
            b.append(i == 0 ? '?' : '&');
            String key = keys[random.nextInt(keys.length)];
            String value = values[random.nextInt(values.length)];
            // Keep valid reports small and quick: large sizes only with small delays.
            if (key.equals("delay")) {
                value = random.nextBoolean() ? String.valueOf(random.nextInt(3)) : values[random.nextInt(values.length)];
            }
            b.append(key).append(random.nextInt(10) == 0 ? "" : "=").append(value);
        }
        return b.toString();
    }

    private static String randomPath(Random random) {
        StringBuilder b = new StringBuilder(random.nextInt(5) == 0 ? "/" : "");
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(random.nextInt(6) == 0 ? "\\" : "/");
            }
            b.append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
        }
        return b.toString();
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 48); i++) {
            s.append(String.format("%02x", b[i]));
        }
        return s.append(b.length > 48 ? "… (" + b.length + " bytes)" : "").toString();
    }
}
