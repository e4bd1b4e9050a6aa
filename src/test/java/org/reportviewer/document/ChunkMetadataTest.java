package org.reportviewer.document;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-chunk metadata: number, first line, size, arrival time; bounded however many chunks arrive. */
class ChunkMetadataTest {

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    private ReportDocument doc(int maxChunks) throws IOException {
        return ReportDocument.createTemp(ReportDocument.MAX_MARKS, maxChunks, nanos::get);
    }

    private static ByteString text(String s) {
        return ByteString.copyFrom(s, UTF_8);
    }

    @Test
    void recordsNumberFirstLineSizeAndArrival() throws IOException {
        try (ReportDocument d = doc(ChunkTable.MAX_KEPT)) {
            d.append(text("a\nb\n"));          // chunk 0: lines 0-1
            nanos.addAndGet(7_000_000);
            d.append(text("c\nd"));            // chunk 1: starts line 2, ends inside line 3
            nanos.addAndGet(1_500_000);
            d.append(text("dd\ne\n"));         // chunk 2: its first byte is on line 3 (begun in chunk 1)
            nanos.addAndGet(2_000_000_000L);
            d.append(text("f\n"));             // chunk 3: line 5

            Chunks c = d.chunks();
            assertThat(c.count()).isEqualTo(4);
            assertThat(c.get(0)).contains(new Chunk(0, 0, 4, 0));
            assertThat(c.get(1)).contains(new Chunk(1, 2, 3, 7));
            assertThat(c.get(2)).contains(new Chunk(2, 3, 5, 8));
            assertThat(c.get(3)).contains(new Chunk(3, 5, 2, 2008));
            assertThat(c.get(4)).isEmpty();
            assertThat(c.firstStartingOn(3)).contains(new Chunk(2, 3, 5, 8));
            assertThat(c.firstStartingOn(4)).isEmpty();
            assertThat(c.countStartingOn(5)).isEqualTo(1);
        }
    }

    @Test
    void explicitChunkNumbersContinueFromWhereTheStreamBegan() throws IOException {
        try (ReportDocument d = doc(ChunkTable.MAX_KEPT)) {
            d.append(40, text("x\n"));
            d.append(41, text("y\n"));
            assertThat(d.chunks().firstNumber()).isEqualTo(40);
            assertThat(d.chunks().lastNumber()).isEqualTo(41);
            assertThat(d.chunks().get(41).map(Chunk::firstLine)).contains(1L);
            assertThatThrownBy(() -> d.append(43, text("z\n"))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void manySmallChunksOnOneLineAllStartOnIt() throws IOException {
        try (ReportDocument d = doc(ChunkTable.MAX_KEPT)) {
            for (int i = 0; i < 10; i++) {
                d.append(text("ab"));
            }
            d.append(text("\nnext"));
            assertThat(d.chunks().countStartingOn(0)).isEqualTo(11);
            assertThat(d.chunks().firstStartingOn(0).map(Chunk::number)).contains(0L);
        }
    }

    @Test
    void aChunkThatBeginsWithAForcedBreakStartsOnTheNewLine() throws IOException {
        try (ReportDocument d = doc(ChunkTable.MAX_KEPT)) {
            d.append(text("x".repeat(LineRule.CAP)));
            d.append(text("yz"));
            assertThat(d.lineCount()).isEqualTo(2);
            assertThat(d.chunks().get(1).map(Chunk::firstLine)).contains(1L);
        }
    }

    @Test
    void tableThinsWhenFullAndStaysExactForKeptChunks() throws IOException {
        try (ReportDocument d = doc(8)) {
            for (int i = 0; i < 100; i++) {
                d.append(text("line " + i + "\n"));
            }
            Chunks c = d.chunks();
            assertThat(c.count()).isEqualTo(100);
            assertThat(c.stride()).isEqualTo(16);
            assertThat(c.get(96)).contains(new Chunk(96, 96, ("line 96\n").length(), 0));
            assertThat(c.get(97)).isEmpty();
            assertThat(c.atOrBefore(97).map(Chunk::number)).contains(96L);
            assertThat(c.atOrBefore(1_000).map(Chunk::number)).contains(96L);
            assertThat(c.retainedBytes()).isLessThanOrEqualTo(16L * 8);
        }
    }

    @Test
    void aMillionTinyChunksStayExactAndSmall() throws IOException {
        try (ReportDocument d = ReportDocument.createTemp()) {
            ByteString row = text("r\n");
            for (int i = 0; i < 1_000_000; i++) {
                d.append(row);
            }
            Chunks c = d.chunks();
            assertThat(c.stride()).isEqualTo(1);
            assertThat(c.get(999_999).map(Chunk::firstLine)).contains(999_999L);
            assertThat(c.retainedBytes()).isLessThanOrEqualTo(16L * ChunkTable.MAX_KEPT);
            // and past the cap it thins instead of growing
            for (int i = 0; i < ChunkTable.MAX_KEPT; i++) {
                d.append(row);
            }
            assertThat(d.chunks().stride()).isEqualTo(2);
            assertThat(d.chunks().retainedBytes()).isLessThanOrEqualTo(16L * ChunkTable.MAX_KEPT);
            Optional<Chunk> last = d.chunks().atOrBefore(Long.MAX_VALUE);
            assertThat(last.map(Chunk::firstLine).orElseThrow()).isEqualTo(last.orElseThrow().number());
        }
    }
}
