package org.reportviewer.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.stage.Stage;
import org.reportviewer.base.Threads;
import org.reportviewer.client.ConnectionManager;
import org.reportviewer.document.ReportDocument;
import org.reportviewer.ui.DocumentFactory;
import org.reportviewer.ui.MainView;
import org.reportviewer.ui.MainViewModel;
import org.reportviewer.ui.SaveDialog;
import org.reportviewer.ui.UiExecutor;

/** The desktop app: owns the embedded server, the channels and the window. */
public final class ReportViewerApp extends Application {

    private EmbeddedServer embedded;
    private ConnectionManager connections;
    private ExecutorService io;
    private AppSettings settings;
    private MainViewModel vm;
    private Stage stage;

    /** Called by {@link org.reportviewer.Launcher} when the jar gets no arguments. */
    public static void launchApp(String[] args) {
        Application.launch(ReportViewerApp.class, args);
    }

    /** The spool files of report documents go to the temp folder and are deleted with their tab. */
    public static DocumentFactory spoolDocuments() {
        return ReportDocument::createTemp;
    }

    /** Background work that must not run on the FX thread (saving, importing dropped files). */
    public static ExecutorService ioExecutor() {
        return Executors.newCachedThreadPool(Threads.daemons("viewer-io"));
    }

    @Override
    public void init() {
        embedded = new EmbeddedServer(EmbeddedServer.defaultReportsDir());
        connections = embedded.connectionManager(); // in-process to the embedded server
        io = ioExecutor();
        settings = AppSettings.standard();
    }

    @Override
    public void start(Stage primaryStage) {
        stage = primaryStage;
        new ErrorDialogs(primaryStage).install();
        vm = new MainViewModel(UiExecutor.fx(), io, connections, embedded, spoolDocuments());
        MainView view = new MainView(vm, SaveDialog.fileChooser());
        MainWindow.show(primaryStage, vm, view, settings);
        vm.newTab();
        vm.connect();
    }

    /** Cancels every stream, closes the channels, then the embedded server. */
    @Override
    public void stop() {
        if (stage != null) {
            settings.saveGeometry(stage);
        }
        if (vm != null) {
            vm.closeAll();
        }
        connections.close();
        embedded.close();
        io.shutdown();
        try {
            io.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
