package org.reportviewer.document;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension: temporary documents for one test, all closed (spool files deleted) after it.
 *
 * <pre>{@code
 * @RegisterExtension
 * final TempDocuments docs = new TempDocuments();
 * }</pre>
 */
final class TempDocuments implements AfterEachCallback {

    private final List<ReportDocument> open = new ArrayList<>();

    /** A new temporary document with the default limits. */
    ReportDocument create() throws IOException {
        return track(ReportDocument.createTemp());
    }

    /** Closes {@code doc} after the test too. */
    ReportDocument track(ReportDocument doc) {
        open.add(doc);
        return doc;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(ReportDocument::close);
        open.clear();
    }
}
