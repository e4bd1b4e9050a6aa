package org.reportviewer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reportviewer.testing.LoopbackServerExtension;

/** The floor of case 8 counts what a real server sent, on both channels, and reports a refusal as such. */
class BareClientFloorTest {

    @RegisterExtension
    static final LoopbackServerExtension SERVER = LoopbackServerExtension.standard(0);

    @Test
    void countsEveryMessageOnBothChannels() throws Exception {
        for (boolean tuned : new boolean[] {true, false}) {
            BareClientFloor.Outcome o = BareClientFloor.run(SERVER.target(), "synthetic?size=300000&chunk=100", tuned);
            assertEquals(Status.Code.OK, o.status().getCode());
            assertEquals(3000, o.messages());
            // Each skipped message is a whole ReportChunk: the 100 B payload plus its field tags and chunk number.
            assertTrue(o.skippedBytes() > 3000 * 100L, "skipped " + o.skippedBytes());
        }
    }

    @Test
    void anUnknownReportEndsWithTheServersStatus() throws Exception {
        BareClientFloor.Outcome o = BareClientFloor.run(SERVER.target(), "no-such-report", true);
        assertEquals(Status.Code.NOT_FOUND, o.status().getCode());
        assertEquals(0, o.messages());
    }
}
