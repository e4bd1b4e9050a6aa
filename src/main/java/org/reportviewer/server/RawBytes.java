package org.reportviewer.server;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A marshaller that keeps a message's bytes as they came, unparsed: {@link MalformedRequestGuard}
 * reads requests with it so that it can refuse malformed ones itself; tests send hand-made bytes with
 * it. The inbound size limit has already bounded what {@link #parse} reads.
 */
public enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
        return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
