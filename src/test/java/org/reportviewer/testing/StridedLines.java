package org.reportviewer.testing;

import java.util.List;
import java.util.stream.LongStream;
import org.reportviewer.document.Chunks;
import org.reportviewer.document.LineSource;

/**
 * What a filter looks like to the text pane, with a rule a test can check by hand: view line
 * {@code i} shows source line {@code stride * i + offset} (numbered from 0).
 */
public record StridedLines(LineSource doc, int stride, int offset) implements LineSource {

    public StridedLines {
        if (stride < 1 || offset < 0) {
            throw new IllegalArgumentException("stride " + stride + ", offset " + offset);
        }
    }

    @Override
    public long version() {
        return doc.version();
    }

    @Override
    public long lineCount() {
        long n = doc.lineCount();
        return n <= offset ? 0 : (n - offset + stride - 1) / stride;
    }

    @Override
    public List<String> lines(long first, int count) {
        return LongStream.range(first, Math.min(lineCount(), first + count)).mapToObj(i -> doc.line(sourceLine(i)))
                .toList();
    }

    @Override
    public long sourceLine(long line) {
        return stride * line + offset;
    }

    @Override
    public long viewLineAtOrAfter(long sourceLine) {
        long ceil = -Math.floorDiv(offset - sourceLine, (long) stride); // ceil((sourceLine - offset) / stride)
        return Math.min(lineCount(), Math.max(0, ceil));
    }

    @Override
    public long maxLineLength() {
        return doc.maxLineLength();
    }

    @Override
    public Chunks chunks() {
        return doc.chunks();
    }

    @Override
    public LineSource latest() {
        LineSource l = doc.latest();
        return l == doc ? this : new StridedLines(l, stride, offset);
    }
}
