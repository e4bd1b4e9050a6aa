package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Attributes;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reportviewer.proto.ReportServiceGrpc;

/** The client side of token auth: what it sends, and where it refuses to send it. */
class BearerTokenTest {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @Test
    void sendsABearerHeaderOverTls() {
        Result r = apply(new BearerToken("tok-1"), SecurityLevel.PRIVACY_AND_INTEGRITY, "reports.example.com:443");
        assertThat(r.headers.get(AUTHORIZATION)).isEqualTo("Bearer tok-1");
        assertThat(r.failure).isNull();
    }

    @Test
    void sendsItInPlaintextOnlyToLoopback() {
        for (String authority : new String[] {"localhost:50051", "127.0.0.1:50051", "127.1.2.3:1", "[::1]:50051"}) {
            Result r = apply(new BearerToken("tok-1"), SecurityLevel.NONE, authority);
            assertThat(r.headers).as(authority).isNotNull();
        }
    }

    @Test
    void refusesToSendItInPlaintextOverTheNetwork() {
        for (String authority : new String[] {"reports.example.com:50051", "192.0.2.1:50051", "[2001:db8::1]:50051"}) {
            Result r = apply(new BearerToken("tok-1"), SecurityLevel.NONE, authority);
            assertThat(r.headers).as(authority).isNull();
            assertThat(r.failure.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(r.failure.getDescription()).contains("use TLS").doesNotContain("tok-1");
        }
    }

    @Test
    void badTokensAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> new BearerToken("two words")).hasMessageNotContaining("two words");
        assertThatThrownBy(() -> new BearerToken("line\nbreak")).hasMessageContaining("visible ASCII");
        assertThat(new BearerToken("tok-1").toString()).doesNotContain("tok-1");
    }

    private record Result(Metadata headers, Status failure) {}

    private static Result apply(CallCredentials creds, SecurityLevel level, String authority) {
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Status> failure = new AtomicReference<>();
        creds.applyRequestMetadata(new CallCredentials.RequestInfo() {
            @Override
            public MethodDescriptor<?, ?> getMethodDescriptor() {
                return ReportServiceGrpc.getGenerateReportMethod();
            }

            @Override
            public SecurityLevel getSecurityLevel() {
                return level;
            }

            @Override
            public String getAuthority() {
                return authority;
            }

            @Override
            public Attributes getTransportAttrs() {
                return Attributes.EMPTY;
            }
        }, Runnable::run, new CallCredentials.MetadataApplier() {
            @Override
            public void apply(Metadata m) {
                headers.set(m);
            }

            @Override
            public void fail(Status s) {
                failure.set(s);
            }
        });
        return new Result(headers.get(), failure.get());
    }
}
