package org.reportviewer.server;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.reportviewer.format.Errors;

/**
 * Server TLS from PEM files: a certificate chain (server certificate first, then intermediates) and
 * its unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}; convert an RSA key with
 * {@code openssl pkcs8 -topk8 -nocrypt}).
 */
public record ServerTls(Path certChain, Path privateKey) {

    public ServerTls {
        requireReadable(certChain, "TLS certificate");
        requireReadable(privateKey, "TLS private key");
    }

    /**
     * Loads the files now, so a bad certificate or key fails at configuration with a readable
     * message rather than at the first connection.
     *
     * @throws IllegalArgumentException when the files are not a usable certificate chain and key
     */
    public SslContext sslContext() {
        try {
            return GrpcSslContexts.forServer(certChain.toFile(), privateKey.toFile()).build();
        } catch (Exception | Error e) {
            throw new IllegalArgumentException("cannot use TLS certificate " + certChain + " with key " + privateKey
                    + ": " + Errors.rootCause(e).getMessage() + " (expected a PEM certificate chain and an unencrypted PKCS#8 PEM key)",
                    e);
        }
    }

    /** Makes {@code builder} serve TLS only. */
    public NettyServerBuilder apply(NettyServerBuilder builder) {
        return builder.sslContext(sslContext());
    }

    private static void requireReadable(Path file, String what) {
        if (file == null) {
            throw new IllegalArgumentException(what + " file is missing");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(what + " file " + file + " does not exist or is not readable");
        }
    }
}
