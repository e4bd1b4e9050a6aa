package org.reportviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reportviewer.testing.LoopbackServerExtension;

/**
 * {@code fetch} leaves no transport thread behind: the JVM's exit waits up to 300 ms for threads
 * still in native code (an event loop in epoll_wait), so the thread that delivered the chunks must
 * have ended by the time the command returns and the process calls {@code System.exit}.
 */
class FetchChannelTest {

    @RegisterExtension
    static final LoopbackServerExtension loopback = LoopbackServerExtension.standard(0);

    @Test
    void theThreadThatDeliveredTheChunksHasEndedWhenFetchReturns() {
        Set<Thread> writers = ConcurrentHashMap.newKeySet();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // 64 KiB chunks pass the sink's 64 KiB buffer straight through, so writes happen where chunks arrive.
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                writers.add(Thread.currentThread());
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writers.add(Thread.currentThread());
                bytes.write(b, off, len);
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.execute(new Io(out, new PrintStream(err, true, StandardCharsets.UTF_8), false, false),
                "fetch", "--target", loopback.target().toString(), "--report", "synthetic?size=1MiB&chunk=64KiB",
                "--quiet");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(bytes.size()).isEqualTo(1 << 20);
        Thread caller = Thread.currentThread();
        assertThat(writers).as("threads that wrote the report").anyMatch(t -> t != caller);
        assertThat(writers).filteredOn(t -> t != caller).allSatisfy(t -> assertThat(t.isAlive())
                .as("%s is still running after fetch returned", t.getName()).isFalse());
    }
}
