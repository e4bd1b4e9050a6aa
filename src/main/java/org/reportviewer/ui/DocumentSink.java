package org.reportviewer.ui;

import com.google.protobuf.ByteString;
import java.io.IOException;
import org.reportviewer.client.OrderedChunkSink;
import org.reportviewer.document.ReportDocument;

/**
 * A tab's report session writes into its document. Nothing to settle at the end: the document
 * stays open, so a resume appends to it and a save reads it.
 */
final class DocumentSink extends OrderedChunkSink {

    private final ReportDocument document;

    DocumentSink(ReportDocument document) {
        super(0, 0, 0);
        this.document = document;
    }

    @Override
    protected void store(ByteString data) throws IOException {
        document.append(nextChunk(), data); // the document keeps each chunk's number, size and arrival
    }

    @Override
    public void finish() {}

    @Override
    public void abandon() {}
}
