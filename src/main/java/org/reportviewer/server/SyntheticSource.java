package org.reportviewer.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import io.grpc.StatusException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.reportviewer.proto.ReportInfo;

/**
 * Deterministic, readable reports of any size for demos, benchmarks and tests:
 * {@code synthetic?size=<n>[B|KiB|MiB|GiB]&chunk=<n>[B|KiB|MiB]&delay=<ms>}.
 *
 * <p>The text is a CSV sales report of fixed-width 64-byte rows, so the bytes at any offset can be
 * computed directly; that makes resume ({@code start_chunk}) free and any two runs byte-identical.
 */
public final class SyntheticSource implements ReportSource {

    public static final String PREFIX = "synthetic";
    public static final long DEFAULT_SIZE = 1L << 20;
    public static final int DEFAULT_CHUNK = 16 << 10;
    public static final long MAX_SIZE = 64L << 30;
    /** Chunks stay well under gRPC's default 4 MiB message limit. */
    public static final int MAX_CHUNK = 1 << 20;
    public static final long MAX_DELAY_MS = 60_000;

    /** Parsed parameters of a synthetic report id. */
    public record Params(long size, int chunk, long delayMillis) {
        public int totalChunks() {
            return (int) ((size + chunk - 1) / chunk);
        }

        public String id() {
            return PREFIX + "?size=" + size + "&chunk=" + chunk + (delayMillis > 0 ? "&delay=" + delayMillis : "");
        }
    }

    /** Parses an id; empty when it is not a synthetic id at all. */
    public static Optional<Params> parse(String reportId) throws StatusException {
        if (!reportId.equals(PREFIX) && !reportId.startsWith(PREFIX + "?")) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        String query = reportId.length() > PREFIX.length() ? reportId.substring(PREFIX.length() + 1) : "";
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty() && query.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw invalid("'" + pair + "' is not key=value");
            }
            String key = pair.substring(0, eq);
            if (!List.of("size", "chunk", "delay").contains(key)) {
                throw invalid("unknown parameter '" + key + "' (known: size, chunk, delay)");
            }
            if (values.put(key, pair.substring(eq + 1)) != null) {
                throw invalid("parameter '" + key + "' given twice");
            }
        }
        long size = values.containsKey("size") ? size("size", values.get("size")) : DEFAULT_SIZE;
        long chunk = values.containsKey("chunk") ? size("chunk", values.get("chunk")) : DEFAULT_CHUNK;
        long delay = values.containsKey("delay") ? millis(values.get("delay")) : 0;
        if (size < 1 || size > MAX_SIZE) {
            throw invalid("size must be between 1 B and " + Sizes.format(MAX_SIZE) + ", got " + values.get("size"));
        }
        if (chunk < 1 || chunk > MAX_CHUNK) {
            throw invalid("chunk must be between 1 B and " + Sizes.format(MAX_CHUNK) + ", got " + values.get("chunk"));
        }
        if ((size + chunk - 1) / chunk > Integer.MAX_VALUE) {
            throw invalid("size/chunk gives more than " + Integer.MAX_VALUE + " chunks; use larger chunks");
        }
        return Optional.of(new Params(size, (int) chunk, delay));
    }

    private static long size(String key, String text) throws StatusException {
        try {
            return Sizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(key + ": " + e.getMessage());
        }
    }

    private static long millis(String text) throws StatusException {
        try {
            long ms = Long.parseLong(text.endsWith("ms") ? text.substring(0, text.length() - 2) : text);
            if (ms < 0 || ms > MAX_DELAY_MS) {
                throw invalid("delay must be between 0 and " + MAX_DELAY_MS + " ms, got " + text);
            }
            return ms;
        } catch (NumberFormatException e) {
            throw invalid("delay: '" + text + "' is not a number of milliseconds");
        }
    }

    private static StatusException invalid(String why) {
        return Status.INVALID_ARGUMENT.withDescription("bad synthetic report id: " + why).asException();
    }

    @Override
    public Optional<Report> open(String reportId) throws StatusException {
        return parse(reportId).map(SyntheticReport::new);
    }

    @Override
    public List<ReportInfo> list() {
        return List.of(
                info("synthetic?size=2MiB&chunk=4KiB&delay=5", "Sales report, 2 MiB arriving live (4 KiB chunks, 5 ms apart)"),
                info("synthetic?size=64MiB&chunk=64KiB", "Sales report, 64 MiB at full speed"),
                info("synthetic?size=1GiB&chunk=64KiB", "Sales report, 1 GiB at full speed"));
    }

    private static ReportInfo info(String id, String title) {
        try {
            Params p = parse(id).orElseThrow();
            return ReportInfo.newBuilder().setId(id).setTitle(title)
                    .setSizeBytes(p.size()).setTotalChunks(p.totalChunks()).build();
        } catch (StatusException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class SyntheticReport implements Report {
        private final Params params;
        private final SyntheticText text = new SyntheticText();

        SyntheticReport(Params params) {
            this.params = params;
        }

        @Override
        public int totalChunks() {
            return params.totalChunks();
        }

        @Override
        public int chunkBytes() {
            return params.chunk();
        }

        @Override
        public long delayNanos() {
            return TimeUnit.MILLISECONDS.toNanos(params.delayMillis());
        }

        @Override
        public ByteString chunk(int index) {
            long offset = (long) index * params.chunk();
            if (index < 0 || offset >= params.size()) {
                return null;
            }
            byte[] data = new byte[(int) Math.min(params.chunk(), params.size() - offset)];
            text.fill(offset, data);
            // The array is never touched again, so wrapping it saves a copy per chunk.
            return UnsafeByteOperations.unsafeWrap(data);
        }
    }
}
