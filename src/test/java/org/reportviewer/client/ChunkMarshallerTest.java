package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.reportviewer.proto.ReportChunk;

class ChunkMarshallerTest {

    private static final ReportChunk CHUNK = ReportChunk.newBuilder()
            .setData(ByteString.copyFrom("id,region,amount\n1,north,12.50\n", StandardCharsets.UTF_8))
            .setChunkNumber(7)
            .setTotalChunks(9)
            .build();

    @Test
    void parsesWhatTheProtobufMarshallerWrites() throws Exception {
        ChunkMarshaller m = new ChunkMarshaller();
        try (InputStream wire = m.stream(CHUNK)) {
            assertThat(m.parse(wire)).isEqualTo(CHUNK);
        }
        assertThat(m.parse(new ByteArrayInputStream(CHUNK.toByteArray()))).isEqualTo(CHUNK); // not KnownLength
        assertThat(m.parse(new ByteArrayInputStream(new byte[0]))).isEqualTo(ReportChunk.getDefaultInstance());
    }

    @Test
    void theDataIsAViewOfTheMessageNotACopy() throws Exception {
        byte[] message = CHUNK.toByteArray();
        ReportChunk parsed = ChunkMarshaller.parse(message);
        int at = indexOf(message, (byte) 'i'); // the first byte of the payload
        message[at] = 'X';
        assertThat(parsed.getData().byteAt(0)).isEqualTo((byte) 'X');
    }

    @Test
    void aBrokenMessageIsAnInternalError() {
        byte[] truncated = java.util.Arrays.copyOf(CHUNK.toByteArray(), 10);
        assertThatThrownBy(() -> new ChunkMarshaller().parse(new ByteArrayInputStream(truncated)))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("INTERNAL");
    }

    @Test
    void theMethodIsTheGeneratedOneOnTheWire() {
        assertThat(ChunkMarshaller.GENERATE_REPORT.getFullMethodName()).isEqualTo("ReportService/GenerateReport");
        assertThat(ChunkMarshaller.GENERATE_REPORT.getType())
                .isEqualTo(org.reportviewer.proto.ReportServiceGrpc.getGenerateReportMethod().getType());
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
