package org.reportviewer.bench;

/**
 * One line of the results table.
 *
 * @param id the case number and short name, e.g. "1 fetch 1 GiB / 64 KiB"
 * @param metric what is measured, with its unit
 * @param ours our figure, already formatted
 * @param baseline the baseline figure in the same unit, or "—"
 * @param ratio ours relative to the baseline, or "—"
 * @param target the goal from issue 4
 * @param met whether the goal was reached: "met", "NOT met" or "—" (no goal)
 */
record BenchRow(String id, String metric, String ours, String baseline, String ratio, String target, String met) {

    static BenchRow of(String id, String metric, String ours, String target, boolean met) {
        return new BenchRow(id, metric, ours, "—", "—", target, met ? "met" : "NOT met");
    }

    static BenchRow info(String id, String metric, String ours) {
        return new BenchRow(id, metric, ours, "—", "—", "—", "—");
    }
}
