package org.reportviewer.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.input.TransferMode;

/** Files dropped on the window open as reports. */
final class FileDrops {

    private FileDrops() {}

    static void install(Node target, Consumer<Path> open) {
        target.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            }
            e.consume();
        });
        target.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            files.forEach(f -> open.accept(f.toPath()));
            e.setDropCompleted(!files.isEmpty());
            e.consume();
        });
    }
}
