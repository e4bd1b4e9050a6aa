package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/**
 * A client channel turns Netty's leak sampling off (a stack trace per message of a tracked read),
 * unless the process asked for a level itself.
 */
class LeakSamplingTest {

    @Test
    void aChannelTurnsLeakSamplingOffUnlessAskedFor() {
        ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
        try {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE); // Netty's default
            Channels.shutdown(Channels.plaintext(new Target("127.0.0.1", 1)));
            assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);

            System.setProperty(LeakSampling.PROPERTY, "paranoid");
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID); // what Netty read from it
            ManagedChannel channel = ConnectionSpec.plaintext(new Target("127.0.0.1", 1)).openChannel(true);
            Channels.shutdown(channel);
            assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        } finally {
            System.clearProperty(LeakSampling.PROPERTY);
            ResourceLeakDetector.setLevel(before);
        }
    }
}
