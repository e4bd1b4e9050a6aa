package org.reportviewer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/**
 * A server turns Netty's leak sampling off (a stack trace per 128 messages' buffers), unless the
 * process asked for a level itself.
 */
class LeakSamplingTest {

    @Test
    void aServerTurnsLeakSamplingOffUnlessAskedFor() {
        ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
        try {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE); // Netty's default
            new ReportServer(ReportServer.netty("127.0.0.1", 0), ReportCatalog.standard(null)).close();
            assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);

            System.setProperty(ReportServer.LEAK_DETECTION_PROPERTY, "paranoid");
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID); // what Netty read from it
            new ReportServer(ReportServer.netty("127.0.0.1", 0), ReportCatalog.standard(null)).close();
            assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        } finally {
            System.clearProperty(ReportServer.LEAK_DETECTION_PROPERTY);
            ResourceLeakDetector.setLevel(before);
        }
    }
}
