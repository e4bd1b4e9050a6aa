package org.reportviewer.load;

import org.junit.jupiter.api.Test;

/** Light versions of the load scenarios, in every test run (the full sizes: {@link FullLoadTest}). */
class LoadTest extends LoadScenarioCases {

    LoadTest() {
        super(new Sizes(200, 20, 200, 300, 16, 4, 8));
    }

    @Test
    void stalledStreamDoesNotStallOthersOnTheSameConnection() throws Exception {
        load.stalledClients(1, 8, true);
    }
}
