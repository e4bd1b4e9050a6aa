package org.reportviewer.ui;

import java.io.File;
import java.nio.file.Path;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks where to save a report; tests replace the file chooser with a fixed answer. */
@FunctionalInterface
public interface SaveDialog {

    /** @return the chosen file, or {@code null} when the user backs out */
    Path ask(Window owner, String suggestedName, boolean partial);

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
