package org.reportviewer.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The sparse line index stays bounded however many lines arrive: ~16 M lines through a real
 * document (spool file and all) with an index limit of 65,536 marks. One mark per 64 lines would be
 * 262,144 marks; the index must halve itself twice (stride 256) and still find every line.
 */
class LineIndexBoundTest {

    private static final int LINES = 16 << 20;
    private static final int MAX_MARKS = 1 << 16;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Line {@code i}: its number in 7 hex digits, so any line's expected text is known. */
    private static String line(long i) {
        return String.format("%07x", i);
    }

    private static void putLine(long i, byte[] dst, int at) {
        for (int k = 6; k >= 0; k--) {
            dst[at + k] = HEX[(int) (i & 15)];
            i >>>= 4;
        }
        dst[at + 7] = '\n';
    }

    @Test
    void sixteenMillionLinesKeepTheIndexWithinItsLimitAndEveryLineFindable() throws IOException {
        try (ReportDocument d = ReportDocument.createTemp(MAX_MARKS)) {
            byte[] block = new byte[8 * 8192]; // 8192 lines of 8 bytes per append
            for (long first = 0; first < LINES; first += 8192) {
                for (int k = 0; k < 8192; k++) {
                    putLine(first + k, block, k * 8);
                }
                d.append(ByteString.copyFrom(block));
            }

            LineIndexer.IndexState state = d.snapshot().state();
            assertThat(d.lineCount()).isEqualTo(LINES);
            assertThat(state.marks.length).as("index capacity in marks").isLessThanOrEqualTo(MAX_MARKS);
            assertThat(state.markCount).isLessThanOrEqualTo(MAX_MARKS);
            // 16 Mi lines need 262,144 marks at stride 64: only a doubled (and doubled) stride fits.
            assertThat(state.stride).as("stride").isGreaterThanOrEqualTo(256);
            // The marks still point at line starts: every sampled line reads back exactly.
            for (long i : new long[] {0, 1, 255, 256, 257, 65_535, 1 << 20, 12_345_678, LINES - 257, LINES - 1}) {
                assertThat(d.line(i)).as("line %d", i).isEqualTo(line(i));
            }
            long strideBytes = state.stride * 8L;
            assertThat(Arrays.stream(state.marks, 1, state.markCount).allMatch(m -> m % strideBytes == 0))
                    .as("every mark is the start of a stride-th line").isTrue();
        }
    }
}
