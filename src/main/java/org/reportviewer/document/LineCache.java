package org.reportviewer.document;

import java.util.List;

/** The last decoded window of complete lines, so repaints of an unchanged view read nothing. */
final class LineCache {

    private long first = -1;
    private List<String> lines = List.of();

    /** Lines {@code [from, from + n)} when all of them are cached, else null. */
    synchronized List<String> get(long from, int n) {
        if (from >= first && from + n <= first + lines.size()) {
            int at = (int) (from - first);
            return lines.subList(at, at + n);
        }
        return null;
    }

    synchronized void put(long from, List<String> complete) {
        first = from;
        lines = complete;
    }

    synchronized void clear() {
        first = -1;
        lines = List.of();
    }
}
