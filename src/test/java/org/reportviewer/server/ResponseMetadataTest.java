package org.reportviewer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reportviewer.client.CallDetails;
import org.reportviewer.client.CallDetails.Header;
import org.reportviewer.client.FetchRequest;
import org.reportviewer.client.ReportCall;
import org.reportviewer.testing.LoopbackServerExtension;
import org.reportviewer.testing.RecordingListener;

/** The built-in server's response headers and trailer, seen by the real client over loopback. */
class ResponseMetadataTest {

    @RegisterExtension
    static final LoopbackServerExtension loopback = LoopbackServerExtension.standard(0);

    private static CallDetails fetch(FetchRequest request) throws Exception {
        ReportCall call = loopback.client().fetch(request, new RecordingListener());
        call.result().get(30, TimeUnit.SECONDS);
        return call.details();
    }

    @Test
    void aReportCarriesItsIdTheServerVersionAndTheChunksSent() throws Exception {
        CallDetails d = fetch(FetchRequest.of("demo"));

        assertThat(d.code()).isEqualTo(Status.Code.OK);
        assertThat(d.headers()).contains(new Header("x-report-id", "demo"),
                new Header("x-server-version", "report-viewer/" + BuildInfo.version()));
        assertThat(BuildInfo.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(d.trailers()).contains(new Header("x-chunks-sent", "10"));
    }

    @Test
    void aResumeCountsOnlyTheChunksOfThisCall() throws Exception {
        CallDetails d = fetch(FetchRequest.of("demo").withStartChunk(7));

        assertThat(d.trailers()).contains(new Header("x-chunks-sent", "3"));
    }

    @Test
    void aRefusalSaysWhoRefusedInItsTrailers() throws Exception {
        CallDetails d = fetch(FetchRequest.of("no-such-report"));

        assertThat(d.code()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(d.headers()).isEmpty();
        assertThat(d.trailers()).contains(new Header("x-report-id", "no-such-report"),
                new Header("x-server-version", "report-viewer/" + BuildInfo.version()),
                new Header("x-chunks-sent", "0"));
    }

    @Test
    void idsAreEchoedAsPrintableAscii() throws Exception {
        CallDetails d = fetch(FetchRequest.of("grüße 100%"));

        assertThat(d.code()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(d.trailers()).contains(new Header("x-report-id", "gr%C3%BC%C3%9Fe 100%25"));
        assertThat(ResponseMetadata.encode("x".repeat(4000))).as("too long to echo").isNull();
    }
}
