package org.reportviewer.ui;

import org.reportviewer.ui.inspect.CallInspector;

/**
 * A tab's call inspector beside its report, shown and hidden with {@link Shortcut#INSPECT}. It is
 * fed from the tab's snapshots, which reach the FX thread latest-wins (one pending task at most,
 * however many chunks arrive), so it updates at most once a drain and never touches a gRPC thread.
 */
final class TabInspector {

    private final ReportTabView view;
    private final CallInspector panel = new CallInspector();
    private boolean shown;

    private TabInspector(ReportTabView view) {
        this.view = view;
        ReportTabViewModel vm = view.viewModel();
        vm.callProperty().addListener((o, a, call) -> {
            if (shown) {
                panel.show(call, vm.rateHistory());
            }
        });
    }

    /** Gives a new tab its (hidden) inspector: a tab extension of {@link MainView}. */
    static void attach(ReportTabView view) {
        view.getProperties().put(TabInspector.class, new TabInspector(view));
    }

    /** Shows the tab's inspector, or hides it when shown. */
    static void toggle(ReportTabView view) {
        if (view != null && view.getProperties().get(TabInspector.class) instanceof TabInspector t) {
            t.setShown(!t.shown);
        }
    }

    /** The tab's inspector panel when it is shown, else {@code null}. */
    static CallInspector shownIn(ReportTabView view) {
        return view != null && view.getProperties().get(TabInspector.class) instanceof TabInspector t && t.shown
                ? t.panel : null;
    }

    private void setShown(boolean show) {
        shown = show;
        if (show) {
            panel.show(view.viewModel().callProperty().get(), view.viewModel().rateHistory());
            view.addSidePanel(panel);
        } else {
            view.removeSidePanel(panel);
        }
    }
}
