package org.reportviewer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the results into BENCHMARKS.md between two markers, keeping the hand-written text around
 * them (what the figures mean, why a target is not met).
 */
final class BenchmarksFile {

    static final String BEGIN = "<!-- bench:begin (written by org.reportviewer.bench.BenchMain; do not edit by hand) -->";
    static final String END = "<!-- bench:end -->";

    private BenchmarksFile() {}

    static String table(List<CaseResult> results) {
        StringBuilder b = new StringBuilder();
        b.append("| case | metric | ours | baseline | ours / baseline | target | met? |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (CaseResult r : results) {
            for (BenchRow row : r.rows) {
                b.append("| ").append(String.join(" | ", row.id(), row.metric(), row.ours(), row.baseline(), row.ratio(),
                        row.target(), row.met())).append(" |\n");
            }
        }
        return b.toString();
    }

    static String section(String command, String machine, String date, long seconds, BenchConfig cfg,
            List<CaseResult> results) {
        StringBuilder b = new StringBuilder();
        b.append(BEGIN).append("\n\n");
        b.append("- **Command:** `").append(command).append("`\n");
        b.append("- **Machine:** ").append(machine).append("\n");
        b.append("- **Date:** ").append(date).append(" (harness ran ").append(seconds).append(" s)\n");
        b.append("- **Settings:** ").append(cfg.describe()).append("\n\n");
        b.append(table(results)).append("\n");
        b.append("MB = 10^6 bytes. Figures are medians over the runs listed below.\n\n");
        for (CaseResult r : results) {
            b.append("#### ").append(r.title).append("\n\n");
            boolean inTable = false;
            for (String d : r.details) {
                // A detail starting with '|' is a row of a markdown table: written as it is, set apart by blank lines.
                boolean row = d.startsWith("|");
                if (row != inTable) {
                    b.append("\n");
                }
                b.append(row ? "" : "- ").append(d).append("\n");
                inTable = row;
            }
            b.append("\n");
        }
        b.append(END).append("\n");
        return b.toString();
    }

    static void write(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8)
                : "# Benchmarks\n\nRun with `mvn -B -Pbench verify` (see the README).\n\n";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated = begin >= 0 && end > begin
                ? text.substring(0, begin) + section + text.substring(end + END.length()).replaceFirst("^\n", "")
                : text + (text.endsWith("\n") ? "\n" : "\n\n") + section;
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
