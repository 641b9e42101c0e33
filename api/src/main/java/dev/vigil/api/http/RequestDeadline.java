package dev.vigil.api.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The read timeout, first in the pipeline: from the moment the connection waits for a request
 * ({@link #awaitRequest}) the whole request must arrive within the timeout; otherwise the
 * connection is closed, after a 408 if part of a request had come (a slow sender), silently if
 * it was idle between requests. Unlike a plain idle timeout, trickling one byte at a time does not
 * keep a connection alive, and a long response being written does not count against it.
 *
 * <p>Threading: everything runs on the channel's event loop.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {
    private final long timeoutNanos;
    private final Runnable onSlowRequest;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private boolean waiting;
    private boolean bytesSeen;

    /** @param onSlowRequest sends the 408 and closes; run on the event loop */
    RequestDeadline(long timeoutNanos, Runnable onSlowRequest) {
        this.timeoutNanos = timeoutNanos;
        this.onSlowRequest = onSlowRequest;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Starts the clock for the next request. */
    void awaitRequest() {
        cancel();
        waiting = true;
        bytesSeen = false;
        timer = ctx.executor().schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** A whole request has arrived: stops the clock. */
    void requestArrived() {
        waiting = false;
        cancel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (waiting && msg instanceof ByteBuf b && b.isReadable()) {
            bytesSeen = true;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void expire() {
        timer = null;
        if (!waiting || !ctx.channel().isActive()) {
            return;
        }
        waiting = false;
        if (bytesSeen) {
            onSlowRequest.run();
        } else {
            ctx.close();
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
