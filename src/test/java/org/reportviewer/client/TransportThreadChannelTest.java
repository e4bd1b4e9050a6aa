package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reportviewer.testing.LoopbackServer;
import org.reportviewer.testing.RecordingListener;

/** The CLI's channel runs callbacks on the transport's event loop; the default one does not. */
class TransportThreadChannelTest {

    @Test
    void callbacksRunOnTheEventLoopOnlyWhenAsked() throws Exception {
        try (LoopbackServer s = LoopbackServer.standard(0, null)) {
            assertThat(callbackThreads(ConnectionSpec.plaintext(s.target()).openChannel(true)))
                    .allMatch(name -> name.contains("-ELG-"), "a Netty event-loop thread");
            assertThat(callbackThreads(ConnectionSpec.plaintext(s.target()).openChannel()))
                    .noneMatch(name -> name.contains("-ELG-"));
        }
    }

    private static Set<String> callbackThreads(ManagedChannel channel) throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try {
            RecordingListener listener = new RecordingListener() {
                @Override
                public void onChunk(int chunkNumber, int totalChunks, ByteString bytes) throws Exception {
                    threads.add(Thread.currentThread().getName());
                    super.onChunk(chunkNumber, totalChunks, bytes);
                }
            };
            StreamResult result = new ReportClient(channel)
                    .fetch(FetchRequest.of("synthetic?size=1MiB&chunk=16KiB"), listener).result().get(30, TimeUnit.SECONDS);
            assertThat(result.ok()).isTrue();
            assertThat(listener.bytes()).hasSize(1 << 20);
        } finally {
            Channels.shutdown(channel);
        }
        assertThat(threads).isNotEmpty();
        return threads;
    }
}
