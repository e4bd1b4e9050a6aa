package org.reportviewer.ui;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;

/**
 * Binds each {@link Shortcut} to its command, and makes the key handling, tooltips and menu items
 * from the same table.
 */
public final class ShortcutMap {

    private record Binding(Runnable command, BooleanSupplier applies) {}

    private final Map<Shortcut, Binding> bindings = new EnumMap<>(Shortcut.class);

    /** {@code command} runs when the keys are pressed anywhere in the window. */
    public ShortcutMap bind(Shortcut shortcut, Runnable command) {
        return bind(shortcut, command, () -> true);
    }

    /** As {@link #bind(Shortcut, Runnable)}, only while {@code applies}; otherwise the keys pass on. */
    public ShortcutMap bind(Shortcut shortcut, Runnable command, BooleanSupplier applies) {
        bindings.put(shortcut, new Binding(command, applies));
        return this;
    }

    /** Runs the command bound to {@code shortcut} (a button or menu item does the same as the keys). */
    public void run(Shortcut shortcut) {
        Binding b = bindings.get(shortcut);
        if (b != null) {
            b.command().run();
        }
    }

    /** A filter on the scene, so text fields cannot swallow the shortcuts. */
    public void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            for (Map.Entry<Shortcut, Binding> entry : bindings.entrySet()) {
                if (entry.getKey().keys().match(e) && entry.getValue().applies().getAsBoolean()) {
                    entry.getValue().command().run();
                    e.consume();
                    return;
                }
            }
        });
    }

    /** A tooltip naming the shortcut's label and keys. */
    public static Tooltip tooltip(Shortcut shortcut) {
        return new Tooltip(shortcut.tooltip());
    }

    /** A menu item with the shortcut's label, keys shown as its accelerator, running its command. */
    public MenuItem menuItem(Shortcut shortcut) {
        MenuItem item = new MenuItem(shortcut.label());
        item.setAccelerator(shortcut.keys());
        item.setOnAction(e -> run(shortcut));
        return item;
    }
}
