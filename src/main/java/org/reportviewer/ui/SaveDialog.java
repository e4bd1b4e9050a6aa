package org.reportviewer.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks where to save a report; tests replace the file chooser with a fixed answer. */
@FunctionalInterface
public interface SaveDialog {

    /** @return the chosen file, or {@code null} when the user backs out */
    Path ask(Window owner, String suggestedName, boolean partial);

    /** A file name from a report id: "demo.txt", or "demo.partial.txt" for an incomplete report. */
    static String suggestedName(String reportId, boolean complete) {
        String base = reportId.isEmpty() ? "report" : reportId
                .replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        if (base.length() > 80) {
            base = base.substring(0, 80);
        }
        if (base.isEmpty()) {
            base = "report";
        }
        if (base.toLowerCase(Locale.ROOT).endsWith(".txt")) {
            base = base.substring(0, base.length() - 4);
        }
        return base + (complete ? ".txt" : ".partial.txt");
    }

    static SaveDialog fileChooser() {
        return (owner, name, partial) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(partial ? "Save partial report" : "Save report");
            chooser.setInitialFileName(name);
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Text", "*.txt"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File f = chooser.showSaveDialog(owner);
            return f == null ? null : f.toPath();
        };
    }
}
