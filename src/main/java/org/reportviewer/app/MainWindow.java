package org.reportviewer.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.reportviewer.ui.FramePacer;
import org.reportviewer.ui.MainView;
import org.reportviewer.ui.MainViewModel;

/** Puts the main view in a stage: theme, stylesheet, shortcuts, remembered settings and geometry. */
public final class MainWindow {

    public static final String TITLE = "Report Stream Viewer";

    private MainWindow() {}

    public static Scene show(Stage stage, MainViewModel vm, MainView view, AppSettings settings) {
        settings.restore(vm, view);
        settings.follow(vm, view);
        applyTheme(view.darkProperty().get());
        view.darkProperty().addListener((o, a, dark) -> applyTheme(dark));

        Scene scene = new Scene(view, AppSettings.DEFAULT_WIDTH, AppSettings.DEFAULT_HEIGHT);
        scene.getStylesheets().add(MainView.class.getResource("app.css").toExternalForm());
        view.installShortcuts(scene);
        installFramePacing(scene, vm);
        stage.setTitle(TITLE);
        addIcons(stage);
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        stage.setScene(scene);
        settings.restoreGeometry(stage);
        stage.show();
        return scene;
    }

    /**
     * Streams share a budget of bytes per frame, refilled as each pulse starts: without it, 8 tabs
     * streaming at full speed on 2 cores took the CPU from the FX and render threads (see FramePacer).
     * The budget adapts to how fast frames come, so a fast machine is not capped below what it shows.
     */
    private static void installFramePacing(Scene scene, MainViewModel vm) {
        FramePacer pacer = FramePacer.adaptive(Platform::requestNextPulse);
        scene.addPreLayoutPulseListener(() -> pacer.onFrame(System.nanoTime()));
        vm.setPacer(pacer);
    }

    /** The project icon in every size, so window managers and task switchers pick a crisp one. */
    private static void addIcons(Stage stage) {
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var url = MainWindow.class.getResource("icons/report-viewer-" + size + ".png");
            if (url != null) { // absent only when run from an IDE that skips the pom's resources
                stage.getIcons().add(new Image(url.toExternalForm()));
            }
        }
    }

    /** AtlantaFX Primer, light or dark: a quiet, legible look for a data tool. */
    public static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
