package org.reportviewer.client;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.util.function.Consumer;

/**
 * A target and the one channel (one HTTP/2 connection) every tab streaming from it shares. Views
 * see it as a handle: {@link #label()}, {@link #client()}, {@link #watch}; the channel stays here.
 *
 * @param embedded whether the target is the app's own embedded server
 * @param spec how the channel was made (TLS, CA, token); its {@code toString} never shows the token
 */
public record Connection(Target target, boolean embedded, ManagedChannel channel, ReportClient client,
        ConnectionSpec spec) {

    /** The states a channel goes through, in the words of gRPC's connectivity state machine. */
    public enum LinkState {
        IDLE, CONNECTING, READY, TRANSIENT_FAILURE, SHUTDOWN
    }

    /** A plaintext connection without a token. */
    public Connection(Target target, boolean embedded, ManagedChannel channel, ReportClient client) {
        this(target, embedded, channel, client, ConnectionSpec.plaintext(target));
    }

    public String label() {
        return target + (embedded ? " (embedded)" : "") + (spec.tls() ? " (TLS)" : "");
    }

    /** The channel no longer takes new calls (it was let go of, or the app is closing). */
    public boolean isShutdown() {
        return channel.isShutdown();
    }

    /**
     * Tells {@code onChange} the channel's state now, and again at every change until it is shut
     * down; {@code connectNow} starts connecting at once, so a dead target shows without a call.
     * {@code onChange} runs on a gRPC thread.
     */
    public void watch(boolean connectNow, Consumer<LinkState> onChange) {
        follow(channel.getState(connectNow), onChange);
    }

    private void follow(ConnectivityState seen, Consumer<LinkState> onChange) {
        onChange.accept(LinkState.valueOf(seen.name()));
        if (seen != ConnectivityState.SHUTDOWN) {
            channel.notifyWhenStateChanged(seen, () -> follow(channel.getState(false), onChange));
        }
    }
}
