package org.reportviewer.server.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code .sql} report file: its header (title, typed parameters, resume key) and its query.
 *
 * <pre>
 * -- title: Sales by region
 * -- param: region text
 * -- param: min_amount decimal = 0
 * -- resume: by id
 * SELECT id, region, amount FROM sales WHERE region = :region AND amount >= :min_amount ORDER BY id
 * </pre>
 *
 * The header is the run of {@code --} comment lines at the top; lines other than
 * {@code title:}, {@code param:} and {@code resume:} are ordinary comments.
 */
final class SqlReportFile {

    /** A declared parameter; {@code defaultText} is null when the parameter is required. */
    record Param(String name, ParamType type, String defaultText, Object defaultValue) {}

    private static final Pattern DIRECTIVE = Pattern.compile("--\\s*(title|param|resume)\\s*:\\s*(.*?)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAM = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s+([A-Za-z]+)(?:\\s*=\\s*(.*))?");
    private static final Pattern RESUME = Pattern.compile("by\\s+(.+)", Pattern.CASE_INSENSITIVE);

    private final String title;
    private final Map<String, Param> params;
    private final List<String> resumeKey;
    private final SqlText query;

    private SqlReportFile(String title, Map<String, Param> params, List<String> resumeKey, SqlText query) {
        this.title = title;
        this.params = params;
        this.resumeKey = resumeKey;
        this.query = query;
    }

    /**
     * Parses a report file.
     *
     * @param fallbackTitle the title when the header has none (the report id)
     * @throws IllegalArgumentException saying which line is wrong and why
     */
    static SqlReportFile parse(String text, String fallbackTitle) {
        String title = null;
        Map<String, Param> params = new LinkedHashMap<>();
        List<String> resumeKey = List.of();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("--")) {
                break; // the header ends at the first line of SQL
            }
            Matcher m = DIRECTIVE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2);
            String where = "line " + (i + 1) + ": ";
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "title" -> title = value;
                case "param" -> {
                    Param p = param(value, where);
                    if (params.put(p.name(), p) != null) {
                        throw new IllegalArgumentException(where + "parameter '" + p.name() + "' declared twice");
                    }
                }
                default -> resumeKey = resumeKey(value, where);
            }
        }
        SqlText query;
        try {
            query = SqlText.parse(text, params.keySet());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the query: " + e.getMessage());
        }
        for (String name : params.keySet()) {
            if (!query.parameterOrder().contains(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' is declared but the query never uses :" + name);
            }
        }
        if (!resumeKey.isEmpty()) {
            List<String> order = query.topLevelOrderBy();
            for (String key : resumeKey) {
                if (!order.contains(key)) {
                    throw new IllegalArgumentException("'resume: by " + String.join(", ", resumeKey)
                            + "' needs the query's final ORDER BY to include " + key + " (it orders by "
                            + (order.isEmpty() ? "nothing" : String.join(", ", order)) + ")");
                }
            }
        }
        return new SqlReportFile(title == null || title.isEmpty() ? fallbackTitle : title, params, resumeKey, query);
    }

    private static Param param(String value, String where) {
        Matcher m = PARAM.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(where + "'param: " + value + "' is not 'param: NAME TYPE [= DEFAULT]'");
        }
        try {
            ParamType type = ParamType.of(m.group(2).toLowerCase(Locale.ROOT));
            String def = m.group(3) == null ? null : unquote(m.group(3).strip());
            return new Param(m.group(1), type, def, def == null ? null : type.parse(def));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "parameter '" + m.group(1) + "': " + e.getMessage());
        }
    }

    /** A text default may be quoted to keep surrounding spaces or to be empty: {@code = ''}. */
    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1).replace("''", "'") : s;
    }

    private static List<String> resumeKey(String value, String where) {
        Matcher m = RESUME.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(where + "'resume: " + value + "' is not 'resume: by COLUMN[, COLUMN]'");
        }
        List<String> key = new ArrayList<>();
        for (String col : m.group(1).split(",")) {
            String c = col.strip();
            key.add(c.startsWith("\"") && c.endsWith("\"") && c.length() > 1 ? c.substring(1, c.length() - 1)
                    : c.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(key);
    }

    String title() {
        return title;
    }

    /** Declared parameters in header order. */
    Map<String, Param> params() {
        return params;
    }

    /** The unique key the result is ordered on (resume allowed), or empty (resume refused). */
    List<String> resumeKey() {
        return resumeKey;
    }

    SqlText query() {
        return query;
    }
}
