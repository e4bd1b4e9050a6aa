package org.reportviewer.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import org.reportviewer.client.CatalogEntry;

/**
 * The picked report's parameters, one labelled field each (a check box for {@code bool}, a text
 * field with the type as prompt otherwise), shown below the report bar only when the picked report
 * has parameters. Layout only: the values live in {@link ParameterFormModel}, and Start composes the id.
 */
final class ParameterForm extends FlowPane {

    ParameterForm(MainViewModel vm) {
        setId("parameter-form");
        getStyleClass().add("parameter-form");
        setHgap(8);
        setVgap(4);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        vm.parameterFormProperty().addListener((o, a, form) -> show(form));
        show(vm.parameterFormProperty().get());
    }

    private void show(ParameterFormModel form) {
        getChildren().clear();
        boolean any = form != null;
        setVisible(any);
        setManaged(any);
        if (!any) {
            return;
        }
        for (CatalogEntry.Parameter p : form.parameters()) {
            Control field = "bool".equals(p.type()) ? checkBox(form, p) : textField(form, p);
            field.setId("param-" + p.name());
            field.setAccessibleText("Parameter " + p.name());
            field.setTooltip(new Tooltip(p.name() + " (" + p.type() + ")"
                    + p.defaultValue().map(d -> ", default " + d).orElse(", required")));
            Label label = new Label(p.name() + (p.required() ? " *" : ""));
            label.setLabelFor(field);
            getChildren().addAll(label, field);
        }
    }

    private static TextField textField(ParameterFormModel form, CatalogEntry.Parameter p) {
        TextField f = new TextField(form.value(p.name()));
        f.setPromptText(p.type().isEmpty() ? "text" : p.type());
        f.setPrefColumnCount("text".equals(p.type()) ? 14 : 8);
        f.textProperty().addListener((o, a, text) -> form.set(p.name(), text));
        return f;
    }

    private static CheckBox checkBox(ParameterFormModel form, CatalogEntry.Parameter p) {
        CheckBox c = new CheckBox();
        c.setSelected("true".equals(form.value(p.name())));
        form.set(p.name(), Boolean.toString(c.isSelected())); // a box always has a value
        c.selectedProperty().addListener((o, a, on) -> form.set(p.name(), Boolean.toString(on)));
        return c;
    }
}
