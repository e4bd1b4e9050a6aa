package org.reportviewer.ui;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.reportviewer.client.CatalogEntry;

/**
 * The values of a picked report's typed parameters (SQL reports), one per parameter with its default
 * filled in, checked per type and composed into the id's URL-encoded query string. Plain Java: no
 * controls and no toolkit; the view writes values into it and Start reads {@link #reportId()}.
 */
public final class ParameterFormModel {

    private final CatalogEntry entry;
    private final Map<String, String> values = new LinkedHashMap<>();

    public ParameterFormModel(CatalogEntry entry) {
        this.entry = Objects.requireNonNull(entry, "entry");
        entry.parameters().forEach(p -> values.put(p.name(), p.defaultValue().orElse("")));
    }

    /** A form for the catalog entry whose id is exactly {@code id}, or {@code null} when it has no parameters. */
    static ParameterFormModel forPick(String id, List<CatalogEntry> catalog) {
        return catalog.stream().filter(e -> e.id().equals(id) && !e.parameters().isEmpty()).findFirst()
                .map(ParameterFormModel::new).orElse(null);
    }

    public CatalogEntry entry() {
        return entry;
    }

    public List<CatalogEntry.Parameter> parameters() {
        return entry.parameters();
    }

    public String value(String name) {
        return values.get(name);
    }

    public void set(String name, String value) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("Report '" + entry.id() + "' has no parameter '" + name + "'.");
        }
        values.put(name, value == null ? "" : value);
    }

    /**
     * The id with every filled-in parameter in its query string, in the catalog's order; an empty
     * optional parameter is left out (the server uses its default).
     *
     * @throws IllegalArgumentException with a message naming the parameter when a value is missing or ill-typed
     */
    public String reportId() {
        StringBuilder id = new StringBuilder(entry.id());
        char sep = '?';
        for (CatalogEntry.Parameter p : entry.parameters()) {
            String v = values.get(p.name()).strip();
            if (v.isEmpty()) {
                if (p.required()) {
                    throw new IllegalArgumentException("Parameter '" + p.name() + "' needs a value.");
                }
                continue;
            }
            check(p, v);
            id.append(sep).append(URLEncoder.encode(p.name(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            sep = '&';
        }
        return id.toString();
    }

    private static void check(CatalogEntry.Parameter p, String v) {
        String problem = switch (p.type()) {
            case "int" -> v.matches("[+-]?\\d+") && fitsLong(v) ? null : "a whole number, e.g. 42";
            case "decimal" -> isDecimal(v) ? null : "a decimal number, e.g. 12.50";
            case "date" -> isDate(v) ? null : "a date as YYYY-MM-DD, e.g. 2024-02-29";
            case "bool" -> v.equals("true") || v.equals("false") ? null : "true or false";
            default -> null; // text, and any type this viewer does not know: the server checks
        };
        if (problem != null) {
            throw new IllegalArgumentException("Parameter '" + p.name() + "' must be " + problem + ", not '" + v + "'.");
        }
    }

    private static boolean fitsLong(String v) {
        try {
            Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDecimal(String v) {
        if (!v.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            return false;
        }
        new BigDecimal(v);
        return true;
    }

    private static boolean isDate(String v) {
        if (!v.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return false;
        }
        try {
            LocalDate.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
