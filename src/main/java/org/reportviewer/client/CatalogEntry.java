package org.reportviewer.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.reportviewer.proto.ReportInfo;
import org.reportviewer.proto.ReportParameter;

/**
 * One report a server offers, as the app uses it: the view's own record, not the generated wire
 * type, so the wire can grow without the views following. Made only by {@link #from} (the one
 * mapping from the wire) and {@link #of}; a new field gets a default there, so no caller changes.
 *
 * @param id what to ask {@code GenerateReport} for
 * @param title a human title; empty when the server gives none
 * @param sizeBytes the report's size when the server knows it, else 0
 * @param totalChunks the report's chunks when the server knows them, else 0
 * @param parameters the report's typed parameters (SQL reports), in the server's order; empty for most
 */
public record CatalogEntry(String id, String title, long sizeBytes, int totalChunks, List<Parameter> parameters) {

    /**
     * One typed parameter of a report.
     *
     * @param name as it goes in the id's query string
     * @param type {@code text}, {@code int}, {@code decimal}, {@code date} or {@code bool}
     * @param defaultValue the value used when the id gives none; empty when the parameter is required
     */
    public record Parameter(String name, String type, Optional<String> defaultValue) {
        public Parameter {
            Objects.requireNonNull(name, "name");
            type = type == null ? "" : type;
            defaultValue = defaultValue == null ? Optional.empty() : defaultValue;
        }

        public boolean required() {
            return defaultValue.isEmpty();
        }

        static Parameter from(ReportParameter p) {
            return new Parameter(p.getName(), p.getType(),
                    p.hasDefaultValue() ? Optional.of(p.getDefaultValue()) : Optional.empty());
        }
    }

    public CatalogEntry {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        sizeBytes = Math.max(0, sizeBytes);
        totalChunks = Math.max(0, totalChunks);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    public static CatalogEntry of(String id, String title, long sizeBytes) {
        return new CatalogEntry(id, title, sizeBytes, 0, List.of());
    }

    /** The wire's {@code ReportInfo}, mapped once here. */
    public static CatalogEntry from(ReportInfo info) {
        return new CatalogEntry(info.getId(), info.getTitle(), info.getSizeBytes(), info.getTotalChunks(),
                info.getParametersList().stream().map(Parameter::from).toList());
    }

    public boolean sizeKnown() {
        return sizeBytes > 0;
    }
}
