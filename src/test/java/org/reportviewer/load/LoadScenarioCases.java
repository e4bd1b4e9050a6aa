package org.reportviewer.load;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load scenarios as tests, at the sizes a subclass gives: {@link LoadTest} (light, in every
 * run) and {@link FullLoadTest} (issue 5's full sizes, {@code -Pload}). One list of scenarios, so
 * the two runs cannot drift apart.
 */
abstract class LoadScenarioCases {

    /** How large each scenario runs. */
    record Sizes(int streams, int manyChannels, int delayMillis, int cancelCycles, int cancelParallel,
                 int stalledClients, int othersBesideStalled) {
    }

    private static final int REPORT_BYTES = 64 << 10;
    private static final int CHUNK_BYTES = 4 << 10;

    private final Sizes sizes;
    LoadScenarios load;

    LoadScenarioCases(Sizes sizes) {
        this.sizes = sizes;
    }

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
        load.concurrentStreams(sizes.streams(), 1, REPORT_BYTES, CHUNK_BYTES, sizes.delayMillis());
    }

    @Test
    void concurrentStreamsOverManyChannels() throws Exception {
        load.concurrentStreams(sizes.streams(), sizes.manyChannels(), REPORT_BYTES, CHUNK_BYTES, sizes.delayMillis());
    }

    @Test
    void startCancelCycles() throws Exception {
        load.startCancelCycles(sizes.cancelCycles(), sizes.cancelParallel());
    }

    @Test
    void stalledClientsDoNotStallOthersOrMakeTheServerRunAhead() throws Exception {
        load.stalledClients(sizes.stalledClients(), sizes.othersBesideStalled(), false);
    }
}
