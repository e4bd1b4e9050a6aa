package org.reportviewer.load;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The full sizes of issue 5; run with {@code mvn -B -Pload verify} (not part of the normal run). */
@Tag("load")
class FullLoadTest {

    private LoadScenarios load;

    @BeforeEach
    void start() throws Exception {
        load = new LoadScenarios();
    }

    @AfterEach
    void stop() {
        load.close();
    }

    @Test
    void thousandConcurrentStreamsOverOneChannel() throws Exception {
        load.concurrentStreams(1000, 1, 64 << 10, 4 << 10, 500);
    }

    @Test
    void thousandConcurrentStreamsOverFiftyChannels() throws Exception {
        load.concurrentStreams(1000, 50, 64 << 10, 4 << 10, 500);
    }

    @Test
    void tenThousandStartCancelCycles() throws Exception {
        load.startCancelCycles(10_000, 32);
    }

    @Test
    void hundredStalledClientsBesideFiftyOthers() throws Exception {
        load.stalledClients(100, 50, false);
    }
}
