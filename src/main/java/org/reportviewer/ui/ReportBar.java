package org.reportviewer.ui;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ToolBar;
import java.util.function.Function;

/**
 * The report bar: which report (the picker), its deadline, and the commands on the selected tab
 * (Start, Cancel, Resume, Save, Find). Buttons run the same commands as their shortcuts and follow
 * the selected tab's state. More per-report inputs (e.g. a parameter form) go after the picker
 * with {@link #addAfterPicker}.
 */
final class ReportBar extends ToolBar {

    private final ReportPicker picker;

    ReportBar(MainViewModel vm, ShortcutMap shortcuts) {
        setId("report-bar");
        picker = new ReportPicker(vm);
        TextField deadline = new TextField();
        deadline.setId("deadline");
        deadline.setPrefColumnCount(5);
        deadline.setPromptText("none");
        deadline.textProperty().bindBidirectional(vm.deadlineTextProperty());
        deadline.setTooltip(new Tooltip("Deadline for the whole call, e.g. 30s, 500ms, 2m; empty for none"));
        deadline.setAccessibleText("Deadline");

        Button start = command("start", "Start", Shortcut.START, shortcuts);
        Button cancel = command("cancel", "Cancel", Shortcut.CANCEL, shortcuts);
        Button resume = command("resume", "Resume", Shortcut.RESUME, shortcuts);
        Button save = command("save", "Save…", Shortcut.SAVE, shortcuts);
        Button find = command("find", "Find", Shortcut.FIND, shortcuts);
        // Each button follows the selected tab; with no tab, only Start is on.
        start.disableProperty().bind(whenTab(vm, ReportTabViewModel::canStartProperty, true).map(b -> !b));
        cancel.disableProperty().bind(whenTab(vm, ReportTabViewModel::canCancelProperty, false).map(b -> !b));
        resume.disableProperty().bind(whenTab(vm, ReportTabViewModel::canResumeProperty, false).map(b -> !b));
        save.disableProperty().bind(vm.selectedTabProperty().flatMap(ReportTabViewModel::documentProperty)
                .map(d -> false).orElse(true));

        Label reportLabel = new Label("Report");
        reportLabel.setLabelFor(picker);
        Label deadlineLabel = new Label("Deadline");
        deadlineLabel.setLabelFor(deadline);
        getItems().addAll(reportLabel, picker, deadlineLabel, deadline, start, cancel, resume,
                new Separator(Orientation.VERTICAL), save, find);
    }

    private static ObservableValue<Boolean> whenTab(MainViewModel vm,
            Function<ReportTabViewModel, ObservableValue<Boolean>> flag, boolean withoutTab) {
        return vm.selectedTabProperty().flatMap(flag).orElse(withoutTab);
    }

    private static Button command(String id, String text, Shortcut shortcut, ShortcutMap shortcuts) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(ShortcutMap.tooltip(shortcut));
        b.setOnAction(e -> shortcuts.run(shortcut));
        return b;
    }

    /** Adds a control right after the picker (and before the deadline). */
    void addAfterPicker(javafx.scene.Node node) {
        getItems().add(getItems().indexOf(picker) + 1, node);
    }

    ReportPicker picker() {
        return picker;
    }
}
