package org.reportviewer.client;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Joins runs of HTTP/2 DATA frames of one stream, as they arrive in one socket read, into single
 * frames before grpc-java's HTTP/2 handler reads them. A server that writes each gRPC message as a
 * DATA frame of its own (grpc-go does: 1,000,000 frames for 1,000,000 × 100 B chunks, where
 * grpc-java's server merges queued messages into ≈ 9–16 KiB frames) otherwise costs this client
 * Netty's and gRPC's whole per-frame path (frame decoding, flow-control accounting, a buffer slice and
 * a deframer hand-off) for every message (BENCHMARKS.md, "Small chunks, third round").
 *
 * <p>DATA frame boundaries carry no meaning in HTTP/2 (RFC 9113 §8.1: a message's content is the
 * concatenation of its DATA frames' data), and flow control counts payload bytes, which a merge keeps
 * unchanged. Only unpadded DATA frames without flags other than END_STREAM are joined, END_STREAM only
 * as the last of a run, and a joined frame is never larger than {@value #MAX_PAYLOAD} bytes, the
 * HTTP/2 default that a client always accepts. Every other frame passes unchanged and in order. Only
 * whole frames are passed on, and each as soon as its read has arrived (nothing is held back for a
 * later read); the partial frame at the end of a read waits here for its rest, as it otherwise would
 * in the HTTP/2 handler. A frame header announcing more than {@value #MAX_PAYLOAD} bytes makes this
 * handler step aside for the rest of the connection, so that such frames meet the HTTP/2 handler's
 * own size check (and its error) at once rather than after being collected here.
 */
final class DataFrameCoalescer extends ByteToMessageDecoder {

    static final int MAX_PAYLOAD = 16_384;

    private static final int HEADER = 9;
    private static final int TYPE_DATA = 0x0;
    private static final int FLAG_END_STREAM = 0x1;

    private ChannelHandlerContext ctx;
    private List<Object> out;
    private ByteBuf in;
    private int passFrom;   // start of the bytes of {@code in} not yet passed on
    private int runStart;   // first DATA frame of the current run, or -1
    private int runFrames;
    private int runPayload;
    private int runStream;
    private ByteBuf joined; // the run's frames joined, from its second frame on

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        this.ctx = ctx;
        this.out = out;
        this.in = in;
        int end = in.writerIndex();
        int at = in.readerIndex();
        passFrom = at;
        runStart = -1;
        while (end - at >= HEADER) {
            long head = in.getLong(at); // length (3 bytes), type, flags, the stream id's first 3 bytes
            int length = (int) (head >>> 40);
            if (length > MAX_PAYLOAD) {
                break; // handled after the loop: step aside
            }
            int next = at + HEADER + length;
            if (next > end) {
                break; // the rest of this frame comes with a later read
            }
            int type = (int) (head >>> 32) & 0xff;
            int flags = (int) (head >>> 24) & 0xff;
            boolean joinable = type == TYPE_DATA && (flags & ~FLAG_END_STREAM) == 0;
            int stream = joinable ? in.getInt(at + 5) & 0x7fff_ffff : 0;
            joinable &= stream != 0;
            if (runStart >= 0 && !(joinable && stream == runStream && runPayload + length <= MAX_PAYLOAD)) {
                endRun(at, 0);
            }
            if (joinable) {
                join(at, length, stream);
                if ((flags & FLAG_END_STREAM) != 0) {
                    endRun(next, FLAG_END_STREAM);
                }
            }
            at = next;
        }
        if (runStart >= 0) {
            endRun(at, 0);
        }
        if (at > passFrom) {
            out.add(in.retainedSlice(passFrom, at - passFrom));
        }
        in.readerIndex(at);
        this.ctx = null;
        this.out = null;
        this.in = null;
        if (end - at >= HEADER && in.getUnsignedMedium(at) > MAX_PAYLOAD) {
            ctx.pipeline().remove(this); // passes what is left (from that frame on) to the HTTP/2 handler
        }
    }

    /** Adds the DATA frame at {@code at} to the current run, or starts one with it. */
    private void join(int at, int length, int stream) {
        if (runStart < 0) {
            runStart = at;
            runFrames = 1;
            runPayload = length;
            runStream = stream;
            return;
        }
        if (runFrames == 1) { // a second frame: from now on the run is copied into one new frame
            joined = ctx.alloc().buffer(HEADER + MAX_PAYLOAD);
            joined.writeZero(5).writeInt(runStream).writeBytes(in, runStart + HEADER, runPayload);
        }
        joined.writeBytes(in, at + HEADER, length);
        runFrames++;
        runPayload += length;
    }

    /**
     * Ends the current run, whose last frame ends at {@code runEnd}: one frame stays as it is (it is
     * passed on with the bytes before it); several were joined and their new frame replaces them.
     */
    private void endRun(int runEnd, int flags) {
        if (runFrames >= 2) {
            if (runStart > passFrom) {
                out.add(in.retainedSlice(passFrom, runStart - passFrom));
            }
            joined.setMedium(0, runPayload);
            joined.setByte(3, TYPE_DATA);
            joined.setByte(4, flags);
            out.add(joined);
            joined = null;
            passFrom = runEnd;
        }
        runStart = -1;
    }
}
