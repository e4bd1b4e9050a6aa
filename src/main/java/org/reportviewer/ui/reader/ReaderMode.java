package org.reportviewer.ui.reader;

/** How a tab shows its report: as text lines, or as a table of CSV/TSV rows. */
public enum ReaderMode {
    TEXT,
    TABLE
}
