package org.reportviewer.document;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/** The lines of a report as a {@link UnitSource}, for filtering the text view. */
public final class DocumentLines implements UnitSource {

    private final ReportDocument doc;

    public DocumentLines(ReportDocument doc) {
        this.doc = doc;
    }

    @Override
    public long stableCount(boolean ended) {
        return ended ? doc.lineCount() : doc.completeLineCount();
    }

    @Override
    public long scan(long from, long to, Visitor visitor, BooleanSupplier stop) throws IOException {
        return doc.visitLines(from, to, (line, buf, start, contentEnd, end) ->
                visitor.unit(line, buf, start, contentEnd), stop);
    }
}
