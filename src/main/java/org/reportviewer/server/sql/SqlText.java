package org.reportviewer.server.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SQL of one report, split into tokens so that named parameters, statement ends and the
 * top-level ORDER BY are found only in code — never inside string literals, quoted identifiers,
 * dollar-quoted bodies or comments. Knows the lexical rules shared by DuckDB and PostgreSQL
 * ({@code '...'} with {@code ''}, {@code E'...'} with backslash escapes, {@code "..."},
 * {@code $tag$...$tag$}, {@code --} and nested {@code /* *}{@code /}).
 *
 * <p>A JDBC driver never sees a name: {@link #jdbcSql()} has a {@code ?} for every use of a declared
 * {@code :name}, and {@link #parameterOrder()} says which value binds to which {@code ?}. A {@code :x}
 * whose name is not declared is left alone (DuckDB slices {@code list[1:n]}, struct literals).
 */
final class SqlText {

    enum Kind { WORD, QUOTED, STRING, NUMBER, PARAM, SYMBOL }

    record Token(Kind kind, String text, int start, int end) {}

    private final String jdbcSql;
    private final List<String> parameterOrder;
    private final List<Token> tokens;

    private SqlText(String jdbcSql, List<String> parameterOrder, List<Token> tokens) {
        this.jdbcSql = jdbcSql;
        this.parameterOrder = parameterOrder;
        this.tokens = tokens;
    }

    /**
     * Tokenizes {@code sql}.
     *
     * @throws IllegalArgumentException for an unterminated literal or comment, more than one
     *     statement, or an empty query
     */
    static SqlText parse(String sql, Set<String> declared) {
        List<Token> tokens = tokenize(sql, declared);
        int end = tokens.size();
        while (end > 0 && isSymbol(tokens.get(end - 1), ";")) {
            end--; // trailing semicolons end the one statement
        }
        for (int i = 0; i < end; i++) {
            if (isSymbol(tokens.get(i), ";")) {
                throw new IllegalArgumentException("a report is one statement, but there is more after the ';' at "
                        + position(sql, tokens.get(i).start()));
            }
        }
        if (end == 0) {
            throw new IllegalArgumentException("the report has no query");
        }
        List<Token> kept = List.copyOf(tokens.subList(0, end));
        StringBuilder out = new StringBuilder();
        List<String> order = new ArrayList<>();
        int copied = 0;
        for (Token t : kept) {
            if (t.kind() == Kind.PARAM) {
                out.append(sql, copied, t.start()).append('?');
                order.add(t.text());
                copied = t.end();
            }
        }
        out.append(sql, copied, kept.get(kept.size() - 1).end());
        return new SqlText(out.toString(), List.copyOf(order), kept);
    }

    /** The query with {@code ?} placeholders and without a trailing semicolon. */
    String jdbcSql() {
        return jdbcSql;
    }

    /** The parameter name bound to each {@code ?}, in order (a name may repeat). */
    List<String> parameterOrder() {
        return parameterOrder;
    }

    /** The first keyword of the statement, upper-case ("SELECT", "WITH", "INSERT"…). */
    String firstKeyword() {
        for (Token t : tokens) {
            if (t.kind() == Kind.WORD) {
                return t.text().toUpperCase(Locale.ROOT);
            }
            if (!isSymbol(t, "(")) {
                return t.text();
            }
        }
        return "";
    }

    /**
     * The items of the last ORDER BY at parenthesis depth 0 (the one that orders the result), each
     * reduced to a lower-case column name without table qualifier, quotes or ASC/DESC; an item that
     * is an expression is kept as its text. Empty when the query's result is not ordered.
     */
    List<String> topLevelOrderBy() {
        int depth = 0;
        int from = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (isSymbol(t, "(")) {
                depth++;
            } else if (isSymbol(t, ")")) {
                depth--;
            } else if (depth == 0 && isWord(t, "ORDER") && i + 1 < tokens.size() && isWord(tokens.get(i + 1), "BY")) {
                from = i + 2;
            }
        }
        List<String> items = new ArrayList<>();
        if (from < 0) {
            return items;
        }
        List<Token> item = new ArrayList<>();
        depth = 0;
        for (int i = from; i <= tokens.size(); i++) {
            Token t = i < tokens.size() ? tokens.get(i) : null;
            boolean endOfList = t == null || depth == 0 && (isWord(t, "LIMIT") || isWord(t, "OFFSET")
                    || isWord(t, "FETCH") || isSymbol(t, ")"));
            if (endOfList || depth == 0 && isSymbol(t, ",")) {
                items.add(itemName(item));
                item.clear();
                if (endOfList) {
                    break;
                }
                continue;
            }
            depth += isSymbol(t, "(") ? 1 : isSymbol(t, ")") ? -1 : 0;
            item.add(t);
        }
        return items;
    }

    private static String itemName(List<Token> item) {
        List<Token> core = new ArrayList<>(item);
        // Drop ASC/DESC and NULLS FIRST/LAST: they change the direction, not which column orders.
        while (!core.isEmpty()) {
            Token last = core.get(core.size() - 1);
            if (isWord(last, "ASC") || isWord(last, "DESC") || isWord(last, "FIRST") || isWord(last, "LAST")
                    || isWord(last, "NULLS")) {
                core.remove(core.size() - 1);
            } else {
                break;
            }
        }
        // t.id or "t"."id" names the column id.
        boolean qualifiedName = core.size() == 3 && isName(core.get(0)) && isSymbol(core.get(1), ".") && isName(core.get(2));
        if (qualifiedName) {
            return name(core.get(2));
        }
        if (core.size() == 1 && isName(core.get(0))) {
            return name(core.get(0));
        }
        StringBuilder b = new StringBuilder();
        core.forEach(t -> b.append(t.text()));
        return b.toString();
    }

    private static boolean isName(Token t) {
        return t.kind() == Kind.WORD || t.kind() == Kind.QUOTED;
    }

    private static String name(Token t) {
        return t.kind() == Kind.QUOTED ? t.text() : t.text().toLowerCase(Locale.ROOT);
    }

    private static boolean isSymbol(Token t, String s) {
        return t.kind() == Kind.SYMBOL && t.text().equals(s);
    }

    private static boolean isWord(Token t, String w) {
        return t.kind() == Kind.WORD && t.text().equalsIgnoreCase(w);
    }

    static String position(String sql, int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < offset && i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return "line " + line + ", column " + col;
    }

    private static List<Token> tokenize(String s, Set<String> declared) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                i = skipBlockComment(s, i);
            } else if (c == '\'' || (c == 'E' || c == 'e') && i + 1 < n && s.charAt(i + 1) == '\''
                    && (i == 0 || !isIdentPart(s.charAt(i - 1)))) {
                boolean backslashes = c != '\'';
                i = skipQuoted(s, backslashes ? i + 1 : i, '\'', backslashes);
                out.add(new Token(Kind.STRING, s.substring(start, i), start, i));
            } else if (c == '"') {
                i = skipQuoted(s, i, '"', false);
                out.add(new Token(Kind.QUOTED, s.substring(start + 1, i - 1).replace("\"\"", "\""), start, i));
            } else if (c == '$' && dollarTag(s, i) != null) {
                String tag = dollarTag(s, i);
                int close = s.indexOf(tag, i + tag.length());
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated " + tag + " string starting at " + position(s, i));
                }
                i = close + tag.length();
                out.add(new Token(Kind.STRING, s.substring(start, i), start, i));
            } else if (c == ':' && i + 1 < n && isIdentStart(s.charAt(i + 1)) && (i == 0 || !endsOperand(s.charAt(i - 1)))) {
                int j = i + 1;
                while (j < n && isIdentPart(s.charAt(j))) {
                    j++;
                }
                String name = s.substring(i + 1, j);
                if (declared.contains(name)) {
                    out.add(new Token(Kind.PARAM, name, start, j));
                } else {
                    out.add(new Token(Kind.SYMBOL, ":", start, i + 1));
                    out.add(new Token(Kind.WORD, name, i + 1, j));
                }
                i = j;
            } else if (isIdentStart(c)) {
                while (i < n && isIdentPart(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.WORD, s.substring(start, i), start, i));
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(start, i), start, i));
            } else {
                i++;
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), start, i));
            }
        }
        return out;
    }

    private static int skipBlockComment(String s, int i) {
        int depth = 0;
        int n = s.length();
        int start = i;
        while (i < n) {
            if (s.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated /* comment starting at " + position(s, start));
    }

    /** Index just past the closing quote; a doubled quote is part of the literal. */
    private static int skipQuoted(String s, int i, char quote, boolean backslashes) {
        int n = s.length();
        int start = i;
        i++;
        while (i < n) {
            char c = s.charAt(i);
            if (backslashes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated " + quote + "-quoted text starting at " + position(s, start));
    }

    /** {@code $$} or {@code $tag$} starting at i, else null ({@code $1} is a positional parameter). */
    private static String dollarTag(String s, int i) {
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '$') {
            return "$$";
        }
        if (j < s.length() && isIdentStart(s.charAt(j))) {
            while (j < s.length() && isIdentPart(s.charAt(j)) && s.charAt(j) != '$') {
                j++;
            }
            if (j < s.length() && s.charAt(j) == '$') {
                return s.substring(i, j + 1);
            }
        }
        return null;
    }

    /**
     * A colon right after these is a cast ({@code a::int}) or a slice ({@code l[1:a]}), never a
     * parameter: a parameter stands where an operand starts.
     */
    private static boolean endsOperand(char previous) {
        return previous == ':' || previous == ']' || previous == ')' || isIdentPart(previous);
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
