package org.reportviewer.server.sql;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The types a report parameter can have: how a value is parsed from the id and bound to JDBC. */
enum ParamType {
    TEXT {
        @Override
        Object parse(String text) {
            return text;
        }

        @Override
        void bind(PreparedStatement ps, int index, Object value) throws SQLException {
            ps.setString(index, (String) value);
        }
    },
    INT {
        @Override
        Object parse(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a whole number (64-bit)");
            }
        }

        @Override
        void bind(PreparedStatement ps, int index, Object value) throws SQLException {
            ps.setLong(index, (Long) value);
        }
    },
    DECIMAL {
        @Override
        Object parse(String text) {
            // Plain decimal notation only: an exponent like 1e999999999 would be a tiny string with a huge value.
            if (!text.matches("-?[0-9]{1,38}(\\.[0-9]{1,38})?")) {
                throw new IllegalArgumentException("'" + text + "' is not a decimal number like 12.50");
            }
            return new BigDecimal(text);
        }

        @Override
        void bind(PreparedStatement ps, int index, Object value) throws SQLException {
            ps.setBigDecimal(index, (BigDecimal) value);
        }
    },
    DATE {
        @Override
        Object parse(String text) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a date like 2024-01-31");
            }
        }

        @Override
        void bind(PreparedStatement ps, int index, Object value) throws SQLException {
            ps.setObject(index, value); // a LocalDate: DuckDB and PostgreSQL bind it as DATE
        }
    },
    BOOL {
        @Override
        Object parse(String text) {
            if (text.equals("true") || text.equals("false")) {
                return Boolean.valueOf(text);
            }
            throw new IllegalArgumentException("'" + text + "' is not true or false");
        }

        @Override
        void bind(PreparedStatement ps, int index, Object value) throws SQLException {
            ps.setBoolean(index, (Boolean) value);
        }
    };

    /**
     * The value of {@code text} for this type.
     *
     * @throws IllegalArgumentException saying why the text is not one
     */
    abstract Object parse(String text);

    /** Binds a value from {@link #parse} as a JDBC parameter (never as SQL text). */
    abstract void bind(PreparedStatement ps, int index, Object value) throws SQLException;

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
