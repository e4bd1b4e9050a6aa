package org.reportviewer.client;

import io.grpc.Status;
import java.time.Duration;
import java.util.List;

/**
 * What one report call asked for and what the server said back, beyond the chunks themselves: the
 * request, the response headers and trailers, the final status with its description and error
 * details, and the stream's figures. Immutable; {@link ReportCall#details()} makes a fresh one from
 * any thread, so a live view can show a call that is still running.
 *
 * @param target the authority the channel called, e.g. {@code 127.0.0.1:50051}
 * @param reportId the report asked for
 * @param deadline the call's deadline, or {@code null} for none
 * @param startChunk the first chunk asked for (a resume asks for more than 0)
 * @param headers the response headers as received, empty before they arrive (and for a failure
 *     the server answered with trailers only)
 * @param headersNanos from the start of the call to the response headers, -1 before them
 * @param trailers the trailers the server closed the call with, empty while it runs
 * @param code the final status code, {@code null} while the call runs
 * @param description the final status description, empty when there is none
 * @param errorDetails the server's {@code google.rpc.Status} details, one line each, in order
 * @param stats chunks, bytes and time to first chunk
 */
public record CallDetails(String target, String reportId, Duration deadline, int startChunk, List<Header> headers,
        long headersNanos, List<Header> trailers, Status.Code code, String description, List<String> errorDetails,
        StreamStats stats) {

    /** One metadata entry; a key sent several times gives several entries. */
    public record Header(String name, String value) {}

    public CallDetails {
        headers = List.copyOf(headers);
        trailers = List.copyOf(trailers);
        errorDetails = List.copyOf(errorDetails);
        description = description == null ? "" : description;
    }

    /** Whether the call has ended (with OK or not). */
    public boolean ended() {
        return code != null;
    }
}
