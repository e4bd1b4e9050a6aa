package org.reportviewer.server;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request that is not a valid message (invalid UTF-8 in a string, truncated or garbage
 * bytes, no message at all) with INVALID_ARGUMENT and a message saying why.
 *
 * <p>Why: gRPC parses requests before any interceptor or handler sees them; a parse failure ends
 * the call as UNKNOWN "Application error processing RPC" and logs a SEVERE stack trace per request,
 * which is unhelpful to the client and lets anyone flood the log. Here each method receives the raw
 * bytes (at most the server's inbound limit) and parses them itself with the original marshaller.
 */
final class MalformedRequestGuard {

    private static final Logger LOG = LoggerFactory.getLogger("org.reportviewer.server.access");

    private MalformedRequestGuard() {}

    /** The same service, with every method's request parsing guarded. Keeps the schema for reflection. */
    static ServerServiceDefinition wrap(ServerServiceDefinition service) {
        ServiceDescriptor original = service.getServiceDescriptor();
        List<ServerMethodDefinition<byte[], ?>> methods = new ArrayList<>();
        for (ServerMethodDefinition<?, ?> m : service.getMethods()) {
            methods.add(guard(m));
        }
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        methods.forEach(m -> descriptor.addMethod(m.getMethodDescriptor()));
        ServerServiceDefinition.Builder out = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(out::addMethod);
        return out.build();
    }

    private static <ReqT, RespT> ServerMethodDefinition<byte[], RespT> guard(ServerMethodDefinition<ReqT, RespT> def) {
        MethodDescriptor<ReqT, RespT> method = def.getMethodDescriptor();
        MethodDescriptor<byte[], RespT> raw = method.toBuilder(RawBytes.INSTANCE, method.getResponseMarshaller()).build();
        ServerCallHandler<ReqT, RespT> handler = def.getServerCallHandler();
        return ServerMethodDefinition.create(raw, (call, headers) -> new GuardedListener<>(method, call, handler, headers));
    }

    /** Parses each raw request with the method's own marshaller; refuses what does not parse. */
    private static final class GuardedListener<ReqT, RespT> extends ServerCall.Listener<byte[]> {
        private final MethodDescriptor<ReqT, RespT> method;
        private final ServerCall<byte[], RespT> call;
        private final ServerCall.Listener<ReqT> delegate;
        private final boolean singleRequest;
        private int messages;
        private boolean refused;

        GuardedListener(MethodDescriptor<ReqT, RespT> method, ServerCall<byte[], RespT> call,
                ServerCallHandler<ReqT, RespT> handler, Metadata headers) {
            this.method = method;
            this.call = call;
            this.singleRequest = method.getType().clientSendsOneMessage();
            this.delegate = handler.startCall(new TypedCall<>(call, method), headers);
        }

        @Override
        public void onMessage(byte[] bytes) {
            if (refused) {
                return;
            }
            messages++;
            ReqT request;
            try {
                request = method.parseRequest(new ByteArrayInputStream(bytes));
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                refuse("the request is not a valid " + requestName() + ": " + cause.getMessage());
                return;
            }
            delegate.onMessage(request);
        }

        @Override
        public void onHalfClose() {
            if (refused) {
                return;
            }
            if (singleRequest && messages == 0) {
                refuse("the call carried no request message");
                return;
            }
            delegate.onHalfClose();
        }

        @Override
        public void onCancel() {
            delegate.onCancel();
        }

        @Override
        public void onComplete() {
            delegate.onComplete();
        }

        @Override
        public void onReady() {
            if (!refused) {
                delegate.onReady();
            }
        }

        private String requestName() {
            Object schema = method.getRequestMarshaller() instanceof MethodDescriptor.ReflectableMarshaller<?> r
                    ? r.getMessageClass().getSimpleName() : "request message";
            return String.valueOf(schema);
        }

        private void refuse(String why) {
            refused = true;
            LOG.warn("refused a malformed request to {}: {}", method.getFullMethodName(), why);
            call.close(Status.INVALID_ARGUMENT.withDescription(why), new Metadata());
        }
    }

    /** The raw call seen with its original request type, so the generated handler can use it. */
    private static final class TypedCall<ReqT, RespT> extends ServerCall<ReqT, RespT> {
        private final ServerCall<byte[], RespT> raw;
        private final MethodDescriptor<ReqT, RespT> method;

        TypedCall(ServerCall<byte[], RespT> raw, MethodDescriptor<ReqT, RespT> method) {
            this.raw = raw;
            this.method = method;
        }

        @Override
        public void request(int numMessages) {
            raw.request(numMessages);
        }

        @Override
        public void sendHeaders(Metadata headers) {
            raw.sendHeaders(headers);
        }

        @Override
        public void sendMessage(RespT message) {
            raw.sendMessage(message);
        }

        @Override
        public boolean isReady() {
            return raw.isReady();
        }

        @Override
        public void close(Status status, Metadata trailers) {
            raw.close(status, trailers);
        }

        @Override
        public boolean isCancelled() {
            return raw.isCancelled();
        }

        @Override
        public void setMessageCompression(boolean enabled) {
            raw.setMessageCompression(enabled);
        }

        @Override
        public void setCompression(String compressor) {
            raw.setCompression(compressor);
        }

        @Override
        public void setOnReadyThreshold(int numBytes) {
            raw.setOnReadyThreshold(numBytes);
        }

        @Override
        public SecurityLevel getSecurityLevel() {
            return raw.getSecurityLevel();
        }

        @Override
        public Attributes getAttributes() {
            return raw.getAttributes();
        }

        @Override
        public String getAuthority() {
            return raw.getAuthority();
        }

        @Override
        public MethodDescriptor<ReqT, RespT> getMethodDescriptor() {
            return method;
        }
    }
}
