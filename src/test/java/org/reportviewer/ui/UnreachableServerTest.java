package org.reportviewer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.app.EmbeddedServer;
import org.reportviewer.client.Connection;
import org.reportviewer.client.ConnectionManager;
import org.reportviewer.client.LocalServer;
import org.reportviewer.client.Target;
import org.reportviewer.document.ReportDocument;
import org.reportviewer.testing.LoopbackServer;
import org.reportviewer.testing.SeedServer;

/**
 * The view-model's way out of a server that cannot be reached: it says so in plain words and
 * offers the embedded server, which one command connects to (catalog and all). Real channels to a
 * port where nothing listens.
 */
class UnreachableServerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path temp;
    private ManualUiExecutor ui;
    private ConnectionManager connections;
    private EmbeddedServer embedded;

    @BeforeEach
    void create() {
        ui = new ManualUiExecutor();
        connections = new ConnectionManager();
        embedded = new EmbeddedServer(temp.resolve("reports"));
    }

    @AfterEach
    void close() {
        connections.close();
        embedded.close();
    }

    /** A loopback port where nothing listens: bound to find it free, then closed. */
    static Target goneServer() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new Target("127.0.0.1", s.getLocalPort());
        }
    }

    private MainViewModel windowRemembering(Target target, LocalServer local) {
        // No file is saved or opened here, so background work may run on the calling thread.
        MainViewModel vm = new MainViewModel(ui, Runnable::run, connections, local, ReportDocument::createTemp);
        vm.useEmbeddedProperty().set(false); // as the settings restore it
        vm.targetTextProperty().set(target.toString());
        return vm;
    }

    private void awaitUi(BooleanSupplier condition) {
        ui.runUntil(WAIT, condition);
    }

    @Test
    void aRememberedServerThatIsGoneOffersTheEmbeddedServerWhichOneCommandConnects() throws Exception {
        Target gone = goneServer();
        MainViewModel vm = windowRemembering(gone, embedded);
        ConnectionViewModel bar = vm.connectionBar();
        assertThat(vm.connect()).isTrue();

        awaitUi(() -> bar.embeddedOfferedProperty().get());
        assertThat(bar.unreachableTextProperty().get()).isEqualTo("The server you used last time, " + gone
                + ", cannot be reached. Start it or fix the address and Connect, or");

        assertThat(vm.useEmbeddedServer()).isTrue();
        assertThat(bar.embeddedOfferedProperty().get()).as("the offer goes with the click").isFalse();
        assertThat(bar.unreachableTextProperty().get()).isEmpty();
        assertThat(vm.useEmbeddedProperty().get()).as("remembered for the next start").isTrue();
        assertThat(vm.connectionProperty().get().embedded()).isTrue();
        assertThat(vm.connectionProperty().get().target()).isEqualTo(embedded.target());
        awaitUi(() -> vm.catalogSupportedProperty().get());

        vm.reportIdTextProperty().set("demo");
        assertThat(vm.startSelected()).isTrue();
        ReportTabViewModel tab = vm.selectedTabProperty().get();
        awaitUi(() -> tab.getState() == StreamState.COMPLETED);
        assertThat(tab.bytesProperty().get()).isEqualTo(SeedServer.expectedText("demo").length());
        vm.closeAll();
    }

    @Test
    void aServerThatAnswersIsNotOfferedAwayAndALaterUnreachableOneIsNotCalledRemembered() throws Exception {
        try (LoopbackServer live = LoopbackServer.standard(0, null)) {
            MainViewModel vm = windowRemembering(live.target(), embedded);
            ConnectionViewModel bar = vm.connectionBar();
            vm.connect();
            awaitUi(() -> vm.catalogSupportedProperty().get());
            ui.runPending();
            assertThat(bar.linkProperty().get()).isNotNull();
            assertThat(bar.embeddedOfferedProperty().get()).isFalse();

            Target gone = goneServer();
            vm.targetTextProperty().set(gone.toString());
            vm.connect();
            awaitUi(() -> bar.embeddedOfferedProperty().get());
            assertThat(bar.unreachableTextProperty().get()).startsWith("The server at " + gone + " cannot be reached.");
        }
    }

    @Test
    void withoutAnEmbeddedServerNothingIsOffered() throws Exception {
        MainViewModel vm = windowRemembering(goneServer(), LocalServer.NONE);
        ConnectionViewModel bar = vm.connectionBar();
        vm.connect();
        awaitUi(() -> bar.linkProperty().get() == Connection.LinkState.TRANSIENT_FAILURE);
        assertThat(bar.embeddedOfferedProperty().get()).isFalse();
        assertThat(bar.unreachableTextProperty().get()).isEmpty();
    }
}
