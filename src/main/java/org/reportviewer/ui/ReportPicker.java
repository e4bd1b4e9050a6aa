package org.reportviewer.ui;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import org.reportviewer.client.CatalogEntry;
import org.reportviewer.format.Units;

/**
 * The report id field: an editable list of the server's catalog ("title — size"), or free text
 * for servers without one. Its text follows the view-model's report id both ways.
 */
final class ReportPicker extends ComboBox<String> {

    private final Map<String, CatalogEntry> entriesById = new HashMap<>();
    private final StringProperty reportId;

    ReportPicker(MainViewModel vm) {
        this.reportId = vm.reportIdTextProperty();
        setId("report");
        setEditable(true);
        setPrefWidth(460);
        setAccessibleText("Report id");
        // The editor and the value both follow the view-model: the skin rewrites the editor from the
        // value now and then, so a value left behind would bring back an old id.
        setValue(reportId.get());
        getEditor().setText(reportId.get());
        getEditor().textProperty().addListener((o, a, text) -> reportId.set(text));
        valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                reportId.set(v);
            }
        });
        reportId.addListener((o, a, id) -> {
            if (!Objects.equals(getValue(), id)) {
                setValue(id);
            }
            if (!Objects.equals(getEditor().getText(), id)) {
                getEditor().setText(id);
            }
        });
        setTooltip(new Tooltip("Pick a report from the server's catalog, or type any report id, e.g. "
                + "synthetic?size=10MiB&chunk=64KiB"));
        promptTextProperty().bind(vm.catalogSupportedProperty()
                .map(supported -> supported ? "Pick or type a report id" : "Report id (no catalog)"));
        setCellFactory(lv -> new EntryCell());
        setOnShowing(e -> vm.catalogWanted());
        vm.catalog().addListener((ListChangeListener<CatalogEntry>) c -> sync(vm));
        sync(vm);
    }

    private void sync(MainViewModel vm) {
        entriesById.clear();
        vm.catalog().forEach(entry -> entriesById.put(entry.id(), entry));
        String typed = reportId.get();
        getItems().setAll(vm.catalog().stream().map(CatalogEntry::id).toList());
        setValue(typed); // a new catalog must not wipe what the user typed
        getEditor().setText(typed);
    }

    /** Shows "title — size" for catalog entries. */
    private final class EntryCell extends ListCell<String> {
        @Override
        protected void updateItem(String id, boolean empty) {
            super.updateItem(id, empty);
            if (empty || id == null) {
                setText(null);
                return;
            }
            CatalogEntry entry = entriesById.get(id);
            if (entry == null) {
                setText(id);
                return;
            }
            String size = entry.sizeKnown() ? Units.bytes(entry.sizeBytes()) : "size unknown";
            setText(entry.title().isEmpty() ? id + " — " + size : entry.title() + " — " + size
                    + (entry.title().contains(id) ? "" : "   [" + id + "]"));
        }
    }
}
