package org.reportviewer.server;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.reportviewer.proto.ReportInfo;

/** The report of the original design: 10 short chunks, about 100 ms apart. */
public final class DemoSource implements ReportSource {

    public static final String ID = "demo";
    static final int CHUNKS = 10;

    private final long delayNanos;

    public DemoSource() {
        this(100);
    }

    /** @param delayMillis time between chunks; tests shorten it */
    public DemoSource(long delayMillis) {
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    }

    /** The exact bytes of chunk {@code i}, as the original Go server sends them. */
    public static String chunkText(int i) {
        return "This is chunk " + i + " of report " + ID + "\n";
    }

    @Override
    public Optional<Report> open(String reportId) {
        if (!ID.equals(reportId)) {
            return Optional.empty();
        }
        return Optional.of(new Report() {
            @Override
            public int totalChunks() {
                return CHUNKS;
            }

            @Override
            public long delayNanos() {
                return delayNanos;
            }

            @Override
            public ByteString chunk(int index) {
                return index < CHUNKS ? ByteString.copyFrom(chunkText(index), StandardCharsets.UTF_8) : null;
            }
        });
    }

    @Override
    public List<ReportInfo> list() {
        long size = 0;
        for (int i = 0; i < CHUNKS; i++) {
            size += chunkText(i).length();
        }
        return List.of(ReportInfo.newBuilder()
                .setId(ID)
                .setTitle("Demo report (10 chunks, 100 ms apart)")
                .setSizeBytes(size)
                .setTotalChunks(CHUNKS)
                .build());
    }
}
