package org.reportviewer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
        // And it really serves on the wildcard address.
        try (ReportServer server = ReportServer.create(wide, new ReportCatalog(List.of(new DemoSource()))).start()) {
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void tlsAllowsAnyAddress() throws Exception {
        TestCertificates.Pem pem = TestCertificates.create(dir, "Bind Rule CA");
        ServerConfig wide = ServerConfig.loopback(0).withHost("0.0.0.0")
                .withTls(new ServerTls(pem.serverCert(), pem.serverKey()));
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
}
