package org.reportviewer.ui.text;

/** How a line is shown: tabs expanded, control characters as their Unicode control pictures. */
final class DisplayText {

    static final int TAB = 8;

    private DisplayText() {}

    /** Tabs expanded to spaces, other control characters shown as their Unicode control pictures. */
    static String of(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) >= 0x20 && line.charAt(i) != 0x7F) {
            i++;
        }
        if (i == line.length()) {
            return line;
        }
        StringBuilder sb = new StringBuilder(line.length() + 16);
        sb.append(line, 0, i);
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                int spaces = TAB - sb.length() % TAB;
                sb.append(" ".repeat(spaces));
            } else if (c < 0x20) {
                sb.append((char) (0x2400 + c));
            } else if (c == 0x7F) {
                sb.append('\u2421');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
