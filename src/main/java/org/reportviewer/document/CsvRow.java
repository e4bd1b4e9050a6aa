package org.reportviewer.document;

import java.util.List;

/**
 * One data row of a CSV report.
 *
 * @param row       0-based data row number (the header is not a row)
 * @param firstLine the document line the row starts on
 * @param fields    the row's fields, unquoted
 */
public record CsvRow(long row, long firstLine, List<String> fields) {

    public CsvRow {
        fields = List.copyOf(fields);
    }

    /** Field {@code column}, or "" when the row is shorter. */
    public String field(int column) {
        return column < fields.size() ? fields.get(column) : "";
    }
}
