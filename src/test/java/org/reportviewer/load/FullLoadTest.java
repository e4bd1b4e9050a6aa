package org.reportviewer.load;

import org.junit.jupiter.api.Tag;

/** The full sizes of issue 5; run with {@code mvn -B -Pload verify} (not part of the normal run). */
@Tag("load")
class FullLoadTest extends LoadScenarioCases {

    FullLoadTest() {
        // 1,000 streams over one and over 50 channels, 10,000 start/cancel cycles, 100 stalled clients beside 50
        super(new Sizes(1000, 50, 500, 10_000, 32, 100, 50));
    }
}
