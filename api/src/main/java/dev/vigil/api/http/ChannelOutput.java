package dev.vigil.api.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * An {@link OutputStream} onto a channel for a response body, used from a worker thread: bytes
 * collect in a buffer of {@value #CHUNK} bytes and go out as {@link DefaultHttpContent}; while the
 * channel is not writable (the client reads slower than we write) the writer waits, up to the
 * write timeout, then fails. {@link #close()} writes the last content; {@link #abort()} drops the
 * connection instead.
 *
 * <p>Ownership: each buffer is allocated here and handed to the channel, which releases it.
 * Threading: one writer thread; {@link #writabilityChanged()} from the event loop.
 */
final class ChannelOutput extends OutputStream {
    /** Bytes per chunk written to the channel. */
    static final int CHUNK = 64 * 1024;

    private final Channel channel;
    private final long writeTimeoutNanos;
    private final Object lock = new Object();
    private ByteBuf pending;
    private boolean closed;
    private long written;

    ChannelOutput(Channel channel, long writeTimeoutNanos) {
        this.channel = channel;
        this.writeTimeoutNanos = writeTimeoutNanos;
    }

    /** Wakes a writer waiting for the channel; called on writability changes and on close. */
    void writabilityChanged() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Body bytes handed to the channel so far. */
    long written() {
        return written;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (pending == null) {
                pending = channel.alloc().buffer(CHUNK);
            }
            int n = Math.min(len, pending.writableBytes());
            pending.writeBytes(b, off, n);
            off += n;
            len -= n;
            if (!pending.isWritable()) {
                sendPending();
            }
        }
    }

    /** Copies up to {@code max} bytes from {@code in} straight into the next chunk; -1 at its end. */
    int writeFrom(java.io.InputStream in, int max) throws IOException {
        ensureOpen();
        if (pending == null) {
            pending = channel.alloc().buffer(CHUNK);
        }
        int n = pending.writeBytes(in, Math.min(max, pending.writableBytes()));
        if (!pending.isWritable()) {
            sendPending();
        }
        return n;
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        sendPending();
    }

    /** Sends what is buffered and the end of the body. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            sendPending();
        } finally {
            closed = true;
            release();
        }
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    /** Drops the buffer and the connection: the body cannot be completed. */
    void abort() {
        closed = true;
        release();
        channel.close();
    }

    private void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("response body already closed");
        }
        if (!channel.isActive()) {
            throw new IOException("the client closed the connection");
        }
    }

    private void sendPending() throws IOException {
        if (pending == null || !pending.isReadable()) {
            return;
        }
        ByteBuf chunk = pending;
        pending = null;
        written += chunk.readableBytes();
        channel.writeAndFlush(new DefaultHttpContent(chunk));
        awaitWritable();
    }

    private void awaitWritable() throws IOException {
        long deadline = System.nanoTime() + writeTimeoutNanos;
        synchronized (lock) {
            while (channel.isActive() && !channel.isWritable()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    channel.close();
                    throw new IOException("the client read nothing for " + TimeUnit.NANOSECONDS.toSeconds(writeTimeoutNanos)
                            + " s");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    channel.close();
                    throw new IOException("interrupted while writing the response", e);
                }
            }
        }
        if (!channel.isActive()) {
            throw new IOException("the client closed the connection");
        }
    }
}
