package org.reportviewer.client;

import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.util.AsciiString;

/**
 * gRPC's plaintext (prior-knowledge HTTP/2) connection with a {@link DataFrameCoalescer} in front of
 * its HTTP/2 handler. grpc-java has no public hook into a client connection's pipeline, so this goes
 * through its protocol negotiator, as TLS does: the negotiator's handler, once added, puts the
 * coalescer before itself and then hands its place to gRPC's own plaintext handler. TLS channels keep
 * gRPC's negotiator (there the coalescer would have to sit after the TLS handler).
 */
final class CoalescingPlaintext implements InternalProtocolNegotiator.ClientFactory {

    private static final int DEFAULT_PORT = 80;

    private CoalescingPlaintext() {}

    /** Makes {@code builder}'s connections plaintext, with the coalescer. */
    static NettyChannelBuilder apply(NettyChannelBuilder builder) {
        InternalNettyChannelBuilder.setProtocolNegotiatorFactory(builder, new CoalescingPlaintext());
        return builder;
    }

    @Override
    public InternalProtocolNegotiator.ProtocolNegotiator newNegotiator() {
        InternalProtocolNegotiator.ProtocolNegotiator plaintext = InternalProtocolNegotiators.plaintext();
        return new InternalProtocolNegotiator.ProtocolNegotiator() {
            @Override
            public AsciiString scheme() {
                return plaintext.scheme();
            }

            @Override
            public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
                return new Installer(plaintext.newHandler(grpcHandler));
            }

            @Override
            public void close() {
                plaintext.close();
            }
        };
    }

    @Override
    public int getDefaultPort() {
        return DEFAULT_PORT;
    }

    /** Adds the coalescer before itself, then is replaced by gRPC's plaintext handler. */
    static final class Installer extends ChannelHandlerAdapter {
        private final ChannelHandler plaintext;

        Installer(ChannelHandler plaintext) {
            this.plaintext = plaintext;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.pipeline().addBefore(ctx.name(), null, new DataFrameCoalescer());
            ctx.pipeline().replace(this, null, plaintext);
        }
    }
}
