package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which targets a channel reaches directly, without gRPC's name resolver. */
class ConnectionSpecTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1"})
    void aLoopbackLiteralIsConnectedToDirectlyAndKeepsItsTextForTheAuthority(String host) {
        InetSocketAddress address = ConnectionSpec.loopbackLiteral(new Target(host, 50051));
        assertThat(address).isNotNull();
        assertThat(address.isUnresolved()).isFalse();
        assertThat(address.getAddress().isLoopbackAddress()).isTrue();
        assertThat(address.getHostString()).isEqualTo(host);
        assertThat(address.getPort()).isEqualTo(50051);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "10.0.0.1", "2001:db8::1", "db.example", "127.0.0.1.example"})
    void namesAndOtherAddressesGoThroughTheResolver(String host) {
        assertThat(ConnectionSpec.loopbackLiteral(new Target(host, 50051))).isNull();
    }
}
