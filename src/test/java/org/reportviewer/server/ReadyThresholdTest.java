package org.reportviewer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stream may queue about two chunks before it waits for the client, within gRPC's floor and a cap. */
class ReadyThresholdTest {

    @Test
    void twoChunksBetweenGrpcsDefaultAndTheCap() {
        assertThat(ChunkPump.readyThreshold(0)).isEqualTo(32 << 10); // size unknown: gRPC's default
        assertThat(ChunkPump.readyThreshold(100)).isEqualTo(32 << 10);
        assertThat(ChunkPump.readyThreshold(64 << 10)).isEqualTo(128 << 10);
        assertThat(ChunkPump.readyThreshold(16 << 20)).isEqualTo(2 << 20);
    }

    @Test
    void reportsAnnounceTheirChunkSize(@TempDir Path dir) throws Exception {
        ReportCatalog catalog = ReportCatalog.standard(null);
        try (Report r = catalog.open("synthetic?size=1MiB&chunk=48KiB")) {
            assertThat(r.chunkBytes()).isEqualTo(48 << 10);
        }
        Files.writeString(dir.resolve("a.csv"), "x\n");
        try (Report r = new DirectorySource(dir, 4096).open("a.csv").orElseThrow()) {
            assertThat(r.chunkBytes()).isEqualTo(4096);
        }
    }
}
