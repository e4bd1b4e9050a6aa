package org.reportviewer.bench;

import java.util.ArrayList;
import java.util.List;

/** The table rows of one case plus the raw figures behind them, for the details section. */
final class CaseResult {

    final String title;
    final List<BenchRow> rows = new ArrayList<>();
    final List<String> details = new ArrayList<>();

    CaseResult(String title) {
        this.title = title;
    }

    CaseResult row(BenchRow row) {
        rows.add(row);
        return this;
    }

    CaseResult detail(String format, Object... args) {
        details.add(Samples.fmt(format, args));
        return this;
    }

    static CaseResult failed(String title, String id, Throwable e) {
        CaseResult r = new CaseResult(title);
        r.rows.add(new BenchRow(id, "(case failed)", "error", "—", "—", "—", "NOT met"));
        r.details.add("failed: " + e);
        return r;
    }
}
