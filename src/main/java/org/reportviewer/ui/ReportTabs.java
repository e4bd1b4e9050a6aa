package org.reportviewer.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;

/**
 * The report tabs: one {@link ReportTabView} per tab view-model, a header that shows each stream's
 * state at a glance, and a "+" tab that opens a new one. Follows {@link MainViewModel#tabs()} and
 * keeps the selection in step both ways.
 *
 * <p>Per-tab extensions (a side panel, a bar above the text, another body) are added to each new
 * {@link ReportTabView} by the functions given to the constructor ({@code MainView#tabExtensions}).
 */
final class ReportTabs extends TabPane {

    private final MainViewModel vm;
    private final ShortcutMap shortcuts;
    private final Tab plusTab = new Tab("+");
    private final Map<ReportTabViewModel, Tab> tabsByModel = new HashMap<>();
    private final List<Consumer<ReportTabView>> extensions;

    /** @param extensions run on every new tab view: they add its panels, bars and bodies */
    ReportTabs(MainViewModel vm, ShortcutMap shortcuts, List<Consumer<ReportTabView>> extensions) {
        this.vm = vm;
        this.shortcuts = shortcuts;
        this.extensions = List.copyOf(extensions);
        setId("tabs");
        setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        plusTab.setId("new-tab");
        plusTab.setClosable(false);
        plusTab.setTooltip(ShortcutMap.tooltip(Shortcut.NEW_TAB));
        getTabs().add(plusTab);
        vm.tabs().addListener((ListChangeListener<ReportTabViewModel>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(m -> getTabs().remove(tabsByModel.remove(m)));
                c.getAddedSubList().forEach(this::addTab);
            }
        });
        vm.tabs().forEach(this::addTab);
        vm.selectedTabProperty().addListener((o, a, m) -> {
            Tab t = tabsByModel.get(m);
            if (t != null) {
                getSelectionModel().select(t);
            }
        });
        getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t == plusTab) {
                vm.newTab();
            } else if (t != null) {
                vm.selectedTabProperty().set(((ReportTabView) t.getContent()).viewModel());
            }
        });
    }

    /** The content of the selected tab, or {@code null}. */
    ReportTabView selectedView() {
        Tab t = getSelectionModel().getSelectedItem();
        return t != null && t.getContent() instanceof ReportTabView v ? v : null;
    }

    private void addTab(ReportTabViewModel m) {
        ReportTabView content = new ReportTabView(m);
        extensions.forEach(e -> e.accept(content));
        Tab tab = new Tab();
        tab.setContent(content);
        header(tab, m);
        tab.setOnClosed(e -> vm.closeTab(m));
        tab.setContextMenu(new ContextMenu(shortcuts.menuItem(Shortcut.RESUME), shortcuts.menuItem(Shortcut.SAVE),
                new SeparatorMenuItem(), shortcuts.menuItem(Shortcut.NEW_TAB), shortcuts.menuItem(Shortcut.CLOSE_TAB)));
        tabsByModel.put(m, tab);
        getTabs().add(getTabs().size() - 1, tab);
        if (vm.selectedTabProperty().get() == m) {
            getSelectionModel().select(tab);
        }
    }

    /** The header says how far each stream is, so every tab's state shows at a glance. */
    private static void header(Tab tab, ReportTabViewModel m) {
        tab.textProperty().bind(Bindings.createStringBinding(() -> {
            double p = m.progressProperty().get();
            return m.getState() == StreamState.STREAMING && p >= 0
                    ? m.titleProperty().get() + "  " + Math.round(p * 100) + "%" : m.titleProperty().get();
        }, m.titleProperty(), m.stateProperty(), m.progressProperty()));
        Label dot = new Label();
        dot.getStyleClass().add("state-dot");
        dot.textProperty().bind(m.stateProperty().map(ReportTabs::symbol));
        tab.setGraphic(dot);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.concat(m.titleProperty(), " — ", m.statusLineProperty()));
        tab.setTooltip(tip);
        Runnable showState = () -> {
            dot.getStyleClass().removeAll(ReportTabView.STATE_CLASSES);
            dot.getStyleClass().add(ReportTabView.styleClass(m.getState()));
            tab.getStyleClass().removeAll(ReportTabView.STATE_CLASSES);
            tab.getStyleClass().add(ReportTabView.styleClass(m.getState()));
        };
        m.stateProperty().addListener((o, a, b) -> showState.run());
        showState.run();
    }

    private static String symbol(StreamState s) {
        return switch (s) {
            case IDLE -> "○";
            case CONNECTING -> "◌";
            case STREAMING -> "●";
            case COMPLETED -> "✓";
            case CANCELLED -> "■";
            case FAILED -> "✕";
        };
    }
}
