package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** The negotiator's handler leaves the coalescer in front of gRPC's plaintext handler, and itself goes. */
class CoalescingPlaintextTest {

    @Test
    void putsTheCoalescerBeforeGrpcsHandlerAndStepsOut() {
        ChannelHandler grpcs = new ChannelInboundHandlerAdapter();
        EmbeddedChannel channel = new EmbeddedChannel(new CoalescingPlaintext.Installer(grpcs));

        assertThat(channel.pipeline().toMap().values()).hasSize(2);
        assertThat(channel.pipeline().first()).isInstanceOf(DataFrameCoalescer.class);
        assertThat(channel.pipeline().last()).isSameAs(grpcs);
        channel.finishAndReleaseAll();
    }
}
