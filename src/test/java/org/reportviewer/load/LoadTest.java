package org.reportviewer.load;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Light versions of the load scenarios, in every test run (the full sizes: {@link FullLoadTest}). */
class LoadTest {

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
    void concurrentStreamsOverOneChannel() throws Exception {
        load.concurrentStreams(200, 1, 64 << 10, 4 << 10, 200);
    }

    @Test
    void concurrentStreamsOverManyChannels() throws Exception {
        load.concurrentStreams(200, 20, 64 << 10, 4 << 10, 200);
    }

    @Test
    void startCancelCycles() throws Exception {
        load.startCancelCycles(300, 16);
    }

    @Test
    void stalledClientDoesNotStallOthersOrMakeTheServerRunAhead() throws Exception {
        load.stalledClients(4, 8, false);
    }

    @Test
    void stalledStreamDoesNotStallOthersOnTheSameConnection() throws Exception {
        load.stalledClients(1, 8, true);
    }
}
