package org.reportviewer.ui;

import java.io.IOException;
import org.reportviewer.document.ReportDocument;

/** Makes the empty, file-backed document each stream appends to. */
@FunctionalInterface
public interface DocumentFactory {

    ReportDocument create() throws IOException;
}
