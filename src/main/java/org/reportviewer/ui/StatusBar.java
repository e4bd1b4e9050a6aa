package org.reportviewer.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom line: connections, the latest message, and the catalog's state. */
final class StatusBar extends HBox {

    StatusBar(MainViewModel vm) {
        super(16);
        Label connection = new Label();
        connection.setId("connection-status");
        connection.textProperty().bind(vm.connectionSummaryProperty());
        Label message = new Label();
        message.setId("message");
        message.getStyleClass().add("message");
        // The window's message (connect, open) or, when it is empty, the selected tab's (save, refused start).
        ObservableValue<String> tabMessage = vm.selectedTabProperty().flatMap(ReportTabViewModel::messageProperty);
        message.textProperty().bind(Bindings.createStringBinding(() -> {
            String own = vm.messageProperty().get();
            return own.isEmpty() && tabMessage.getValue() != null ? tabMessage.getValue() : own;
        }, vm.messageProperty(), tabMessage));
        Label catalog = new Label();
        catalog.setId("catalog-status");
        catalog.textProperty().bind(vm.catalogStatusProperty());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        getChildren().addAll(connection, new Separator(Orientation.VERTICAL), message, spring, catalog);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 10, 4, 10));
        getStyleClass().add("status-bar");
    }
}
