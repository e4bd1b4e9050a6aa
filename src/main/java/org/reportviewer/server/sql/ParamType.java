package org.reportviewer.server.sql;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/** The types a report parameter can have: how a value is parsed from the id and bound to JDBC. */
enum ParamType {
    TEXT(text -> text, (ps, i, v) -> ps.setString(i, (String) v)),
    INT(ParamType::parseLong, (ps, i, v) -> ps.setLong(i, (Long) v)),
    DECIMAL(ParamType::parseDecimal, (ps, i, v) -> ps.setBigDecimal(i, (BigDecimal) v)),
    // A LocalDate: DuckDB and PostgreSQL both bind it as DATE.
    DATE(ParamType::parseDate, PreparedStatement::setObject),
    BOOL(ParamType::parseBool, (ps, i, v) -> ps.setBoolean(i, (Boolean) v));

    /** Binds one parsed value to one {@code ?}. */
    interface Binder {
        void bind(PreparedStatement ps, int index, Object value) throws SQLException;
    }

    private final Function<String, Object> parser;
    private final Binder binder;

    ParamType(Function<String, Object> parser, Binder binder) {
        this.parser = parser;
        this.binder = binder;
    }

    /**
     * The value of {@code text} for this type.
     *
     * @throws IllegalArgumentException saying why the text is not one
     */
    Object parse(String text) {
        return parser.apply(text);
    }

    /** Binds a value from {@link #parse} as a JDBC parameter (never as SQL text). */
    void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        binder.bind(ps, index, value);
    }

    private static Object parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number (64-bit)");
        }
    }

    private static Object parseDecimal(String text) {
        // Plain notation only: an exponent like 1e999999999 would be a tiny string with a huge value.
        if (!text.matches("-?[0-9]{1,38}(\\.[0-9]{1,38})?")) {
            throw new IllegalArgumentException("'" + text + "' is not a decimal number like 12.50");
        }
        return new BigDecimal(text);
    }

    private static Object parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date like 2024-01-31");
        }
    }

    private static Object parseBool(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        throw new IllegalArgumentException("'" + text + "' is not true or false");
    }

    /** The name used in report headers and in ReportParameter.type. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ParamType of(String name) {
        for (ParamType t : values()) {
            if (t.wireName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown parameter type '" + name + "' (known: text, int, decimal, date, bool)");
    }
}
