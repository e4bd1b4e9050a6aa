package org.reportviewer.ui.reader;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.reportviewer.document.FilterQuery;

/**
 * The bar above a tab's report: Text / Table (Ctrl+1 / Ctrl+2) and the filter (Ctrl+Shift+F) — text
 * or regex, match case, a column in table view, and the count. Layout and bindings only.
 */
public final class ReaderBar extends HBox {

    private final ReaderViewModel vm;
    private final ToggleButton textButton = new ToggleButton("Text");
    private final ToggleButton tableButton = new ToggleButton("Table");
    private final HBox filter = new HBox(6);
    private final TextField field = new TextField();
    private final ComboBox<String> column = new ComboBox<>();
    private final Label status = new Label();
    private final Button open = new Button("Filter");
    private Runnable onClose = () -> { };
    private List<String> columnNames = List.of();
    private boolean refilling;

    public ReaderBar(ReaderViewModel vm) {
        this.vm = vm;
        getStyleClass().add("reader-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);
        setPadding(new Insets(4, 10, 4, 10));

        ToggleGroup modes = new ToggleGroup();
        textButton.setToggleGroup(modes);
        tableButton.setToggleGroup(modes);
        textButton.setId("mode-text");
        tableButton.setId("mode-table");
        textButton.setTooltip(new Tooltip("Show the report as text (Ctrl+1)"));
        tableButton.setTooltip(new Tooltip("Show a CSV/TSV report as a table (Ctrl+2)"));
        textButton.getStyleClass().add("left-pill");
        tableButton.getStyleClass().add("right-pill");
        syncModeButtons(vm.modeProperty().get());
        vm.modeProperty().addListener((o, a, m) -> syncModeButtons(m));
        // A toggle group lets the selected button be unselected; the mode always has one.
        textButton.setOnAction(e -> vm.modeProperty().set(ReaderMode.TEXT));
        tableButton.setOnAction(e -> vm.modeProperty().set(ReaderMode.TABLE));
        HBox modeButtons = new HBox(textButton, tableButton);

        field.setId("filter-text");
        field.setPromptText("Filter: show only matching lines");
        field.setPrefColumnCount(22);
        field.setAccessibleText("Filter text");
        field.textProperty().bindBidirectional(vm.filterTextProperty());
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                hideFilter();
                e.consume();
            }
        });
        CheckBox matchCase = new CheckBox("Match case");
        matchCase.setId("filter-case");
        matchCase.selectedProperty().bindBidirectional(vm.matchCaseProperty());
        CheckBox regex = new CheckBox("Regex");
        regex.setId("filter-regex");
        regex.setTooltip(new Tooltip("The filter is a Java regular expression, found anywhere in the line"));
        regex.selectedProperty().bindBidirectional(vm.regexProperty());
        column.setId("filter-column");
        column.setTooltip(new Tooltip("Filter on one column of the table"));
        column.visibleProperty().bind(vm.modeProperty().isEqualTo(ReaderMode.TABLE));
        column.managedProperty().bind(column.visibleProperty());
        column.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (!refilling) {
                vm.columnProperty().set(i.intValue() <= 0 ? FilterQuery.ANY_COLUMN : i.intValue() - 1);
            }
        });
        // Both ways: a column set on the view-model (by a command or a test) shows in the choice.
        vm.columnProperty().addListener((o, a, c) -> selectColumn(c.intValue()));
        status.setId("filter-status");
        status.getStyleClass().add("filter-status");
        status.textProperty().bind(vm.filterStatusProperty());
        Button close = new Button("✕");
        close.setId("filter-close");
        close.setTooltip(new Tooltip("Clear the filter and close (Esc)"));
        close.setAccessibleText("Close filter");
        close.setOnAction(e -> hideFilter());
        filter.setAlignment(Pos.CENTER_LEFT);
        filter.getChildren().addAll(field, column, matchCase, regex, status, close);
        filter.setVisible(false);
        filter.managedProperty().bind(filter.visibleProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);

        open.setId("filter-open");
        open.setTooltip(new Tooltip("Show only the lines or rows that match (Ctrl+Shift+F)"));
        open.setOnAction(e -> showFilter());
        open.visibleProperty().bind(filter.visibleProperty().not());
        open.managedProperty().bind(open.visibleProperty());
        getChildren().addAll(modeButtons, filter, open);
    }

    private void syncModeButtons(ReaderMode m) {
        textButton.setSelected(m == ReaderMode.TEXT);
        tableButton.setSelected(m == ReaderMode.TABLE);
    }

    /** Opens the filter and focuses its text. */
    public void showFilter() {
        filter.setVisible(true);
        field.requestFocus();
        field.selectAll();
    }

    /** Clears the filter (the view keeps its place) and closes it. */
    public void hideFilter() {
        field.clear();
        filter.setVisible(false);
        onClose.run();
    }

    public boolean isFilterShowing() {
        return filter.isVisible();
    }

    /** Runs after the filter closed (the tab puts the focus back on the report). */
    void setOnClose(Runnable r) {
        onClose = r;
    }

    /** The table's columns, for the column choice. */
    void setColumns(List<String> names) {
        if (names.equals(columnNames)) {
            return;
        }
        columnNames = List.copyOf(names);
        List<String> items = new ArrayList<>();
        items.add("All columns");
        items.addAll(names);
        // Refilling the choice clears its selection for a moment: that must not reset the filter's column.
        refilling = true;
        try {
            column.getItems().setAll(items);
        } finally {
            refilling = false;
        }
        selectColumn(vm.columnProperty().get());
    }

    private void selectColumn(int c) {
        int i = c == FilterQuery.ANY_COLUMN || c + 1 >= column.getItems().size() ? 0 : c + 1;
        if (!column.getItems().isEmpty() && column.getSelectionModel().getSelectedIndex() != i) {
            column.getSelectionModel().select(i);
        }
    }

    public TextField filterField() {
        return field;
    }
}
