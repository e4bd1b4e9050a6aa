package org.reportviewer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.client.Connection;
import org.reportviewer.client.ConnectionSpec;
import org.reportviewer.client.Target;
import org.reportviewer.client.CatalogEntry;
import org.reportviewer.server.DemoSource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.ServerConfig;
import org.reportviewer.server.SyntheticSource;
import org.reportviewer.testing.SeedServer;
import org.reportviewer.testing.TestCertificates;

/**
 * The window's view-model (no toolkit) against a real TLS server that requires a bearer token, with a
 * CA made at test time: the connection settings reach the channel, and a missing or wrong token ends
 * in words that say what to do.
 */
class SecureConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOKEN = "viewer-T0ken-under-test";

    @TempDir
    static Path dir;
    private static TestCertificates.Pem pem;
    private static ReportServer server;

    @RegisterExtension
    final ViewModelHarness harness = ViewModelHarness.forWindow(WAIT);
    private MainViewModel vm;

    @BeforeAll
    static void start() throws Exception {
        pem = TestCertificates.create(dir.resolve("pki"), "Viewer Test CA");
        server = ReportServer.create(ServerConfig.loopback(0)
                .withTls(pem.serverTls()).withBearerToken(TOKEN),
                new ReportCatalog(List.of(new DemoSource(0), new SyntheticSource()))).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void create() {
        vm = harness.newMainViewModel(null);
        vm.useEmbeddedProperty().set(false);
        vm.targetTextProperty().set("localhost:" + server.port());
        vm.tlsProperty().set(true);
        vm.caFileTextProperty().set(pem.caCert().toString());
    }

    private ReportTabViewModel startDemoAndWait() {
        vm.reportIdTextProperty().set("demo");
        assertThat(vm.startSelected()).isTrue();
        ReportTabViewModel tab = vm.selectedTabProperty().get();
        harness.awaitUi(() -> !tab.getState().busy());
        return tab;
    }

    private static String text(ReportTabViewModel tab, Path dir) throws Exception {
        Path out = dir.resolve("doc-" + System.nanoTime() + ".txt");
        tab.documentProperty().get().saveTo(out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void tlsWithTheGivenCaAndTheTokenListsAndStreamsTheDemo(@TempDir Path temp) throws Exception {
        vm.tokenProperty().set(TOKEN);
        assertThat(vm.connect()).isTrue();
        assertThat(vm.connectionProperty().get().spec().tls()).isTrue();
        assertThat(vm.connectionProperty().get().label()).contains("TLS");
        harness.awaitUi(() -> vm.catalogSupportedProperty().get());
        assertThat(vm.catalog()).extracting(CatalogEntry::id).contains("demo");

        ReportTabViewModel tab = startDemoAndWait();
        assertThat(tab.finalCodeProperty().get()).isEqualTo(Status.Code.OK);
        assertThat(text(tab, temp)).isEqualTo(SeedServer.expectedText("demo"));
    }

    @Test
    void withoutATokenTheCatalogAndTheTabSayTheServerWantsOne() {
        assertThat(vm.connect()).isTrue();
        harness.awaitUi(() -> vm.catalogStatusProperty().get().startsWith("No catalog"));
        assertThat(vm.catalogStatusProperty().get()).contains("the server wants a token");

        ReportTabViewModel tab = startDemoAndWait();
        assertThat(tab.getState()).isEqualTo(StreamState.FAILED);
        assertThat(tab.finalCodeProperty().get()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(tab.explanationProperty().get()).startsWith("UNAUTHENTICATED: the server wants a token")
                .contains("Connection…");
        assertThat(tab.canResumeProperty().get()).as("the same call would fail again").isFalse();
    }

    @Test
    void aWrongTokenIsRefusedAndNeverShown() {
        vm.tokenProperty().set("not-the-token");
        assertThat(vm.connect()).isTrue();
        ReportTabViewModel tab = startDemoAndWait();
        assertThat(tab.finalCodeProperty().get()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(tab.explanationProperty().get()).startsWith("UNAUTHENTICATED: the server wants a token")
                .doesNotContain("not-the-token");
        assertThat(vm.connectionProperty().get().toString()).doesNotContain("not-the-token");
    }

    @Test
    void badSettingsAreRefusedWithAReadableMessage() {
        vm.caFileTextProperty().set(dir.resolve("no-such-ca.pem").toString());
        assertThat(vm.connect()).isFalse();
        assertThat(vm.messageProperty().get()).contains("no-such-ca.pem").contains("does not exist");

        vm.tlsProperty().set(false);
        vm.caFileTextProperty().set(pem.caCert().toString());
        assertThat(vm.connect()).isFalse();
        assertThat(vm.messageProperty().get()).contains("only used with TLS");

        vm.tlsProperty().set(true);
        vm.tokenProperty().set("has spaces");
        assertThat(vm.connect()).isFalse();
        assertThat(vm.messageProperty().get()).contains("visible ASCII").doesNotContain("has spaces");
        assertThat(vm.connectionProperty().get()).isNull();
    }

    @Test
    void oneChannelPerDistinctSpec() {
        Target t = new Target("localhost", server.port());
        ConnectionSpec a = ConnectionSpec.tls(t, pem.caCert()).withToken(TOKEN);
        Connection first = harness.connections().connect(a, false);
        assertThat(harness.connections().connect(ConnectionSpec.tls(t, pem.caCert()).withToken(TOKEN), false))
                .as("an equal spec shares the channel").isSameAs(first);
        Connection other = harness.connections().connect(a.withToken("another-token"), false);
        assertThat(other.channel()).isNotSameAs(first.channel());
        assertThat(harness.connections().openCount()).isEqualTo(2);
        harness.connections().retainOnly(a);
        assertThat(harness.connections().openCount()).isEqualTo(1);
        assertThat(other.channel().isShutdown()).isTrue();
        assertThat(first.channel().isShutdown()).isFalse();
    }
}
