package org.reportviewer.client;

import java.util.Objects;
import org.reportviewer.proto.ReportInfo;

/**
 * One report a server offers, as the app uses it: the view's own record, not the generated wire
 * type, so the wire can grow without the views following. Made only by {@link #from} (the one
 * mapping from the wire) and {@link #of}; a new field gets a default there, so no caller changes.
 *
 * @param id what to ask {@code GenerateReport} for
 * @param title a human title; empty when the server gives none
 * @param sizeBytes the report's size when the server knows it, else 0
 * @param totalChunks the report's chunks when the server knows them, else 0
 */
public record CatalogEntry(String id, String title, long sizeBytes, int totalChunks) {

    public CatalogEntry {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        sizeBytes = Math.max(0, sizeBytes);
        totalChunks = Math.max(0, totalChunks);
    }

    public static CatalogEntry of(String id, String title, long sizeBytes) {
        return new CatalogEntry(id, title, sizeBytes, 0);
    }

    /** The wire's {@code ReportInfo}, mapped once here. */
    public static CatalogEntry from(ReportInfo info) {
        return new CatalogEntry(info.getId(), info.getTitle(), info.getSizeBytes(), info.getTotalChunks());
    }

    public boolean sizeKnown() {
        return sizeBytes > 0;
    }
}
