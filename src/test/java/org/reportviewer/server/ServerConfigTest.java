package org.reportviewer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reportviewer.client.Channels;
import org.reportviewer.client.FetchRequest;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.Target;
import org.reportviewer.testing.RecordingListener;
import org.reportviewer.testing.SeedServer;
import org.reportviewer.testing.TestCertificates;

/** The bind rule: loopback is always fine; anything else needs TLS or an explicit insecure opt-in. */
class ServerConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultIsPlaintextOn127001() {
        ServerConfig c = ServerConfig.loopback(0);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThatCode(c::checkBindRule).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"})
    void loopbackAddressesNeedNothing(String host) {
        assertThatCode(() -> ServerConfig.loopback(0).withHost(host.replace("[", "").replace("]", "")).checkBindRule())
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10", "10.1.2.3"})
    void otherAddressesAreRefusedInPlaintext(String host) {
        assertThatThrownBy(() -> ServerConfig.loopback(0).withHost(host).checkBindRule())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing to serve plaintext on " + host)
                .hasMessageContaining("--tls-cert")
                .hasMessageContaining("--insecure");
    }

    @Test
    void refusalHappensBeforeAnythingIsBound() {
        ServerConfig wide = ServerConfig.loopback(0).withHost("0.0.0.0");
        assertThatThrownBy(() -> ReportServer.create(wide, new ReportCatalog(List.of(new DemoSource()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a loopback address");
    }

    @Test
    void insecureOptInAllowsAnyAddress() throws Exception {
        ServerConfig wide = ServerConfig.loopback(0).withHost("0.0.0.0").withAllowInsecure(true);
        assertThatCode(wide::checkBindRule).doesNotThrowAnyException();
        // And it really serves on the wildcard address: over loopback and over this machine's other
        // addresses alike (a server bound to 127.0.0.1 alone would fail the second).
        try (ReportServer server = ReportServer.create(wide, new ReportCatalog(List.of(new DemoSource(0)))).start()) {
            List<InetAddress> addresses = new ArrayList<>(List.of(InetAddress.getLoopbackAddress()));
            addresses.addAll(nonLoopbackAddresses());
            org.junit.jupiter.api.Assumptions.assumeTrue(addresses.size() > 1, "needs a non-loopback IPv4 address");
            for (InetAddress a : addresses) {
                assertThat(fetchDemo(new Target(a.getHostAddress(), server.port()))).as("via %s", a)
                        .isEqualTo(SeedServer.expectedText("demo"));
            }
        }
    }

    @Test
    void tlsAllowsAnyAddress() throws Exception {
        TestCertificates.Pem pem = TestCertificates.create(dir, "Bind Rule CA");
        ServerConfig wide = ServerConfig.loopback(0).withHost("0.0.0.0")
                .withTls(pem.serverTls());
        assertThatCode(wide::checkBindRule).doesNotThrowAnyException();
    }

    @Test
    void unknownHostIsAReadableError() {
        assertThatThrownBy(() -> ServerConfig.loopback(0).withHost("no-such-host.invalid").checkBindRule())
                .hasMessageContaining("cannot bind 'no-such-host.invalid': unknown host");
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> ServerConfig.loopback(70000)).hasMessageContaining("port must be 0-65535");
        assertThatThrownBy(() -> ServerConfig.loopback(0).withHost(" ")).hasMessageContaining("host");
        assertThatThrownBy(() -> ServerConfig.loopback(0).withBearerToken("has space"))
                .hasMessageContaining("visible ASCII").hasMessageNotContaining("has space");
        assertThatThrownBy(() -> ServerConfig.loopback(0).withBearerToken("")).hasMessageContaining("visible ASCII");
    }

    @Test
    void toStringNeverShowsTheToken() {
        assertThat(ServerConfig.loopback(0).withBearerToken("abc123secret").toString())
                .doesNotContain("abc123secret").contains("token=set");
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> out = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp() && !nif.isLoopback()) {
                Collections.list(nif.getInetAddresses()).stream()
                        .filter(a -> a instanceof Inet4Address && !a.isLinkLocalAddress()).forEach(out::add);
            }
        }
        return out;
    }

    private static String fetchDemo(Target target) throws InterruptedException {
        ManagedChannel channel = Channels.plaintext(target);
        try {
            RecordingListener l = new RecordingListener();
            new ReportClient(channel).fetch(FetchRequest.of("demo").withDeadline(Duration.ofSeconds(20)), l);
            assertThat(l.done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(l.failure).as("status").isNull();
            return l.text();
        } finally {
            Channels.shutdown(channel);
        }
    }
}
