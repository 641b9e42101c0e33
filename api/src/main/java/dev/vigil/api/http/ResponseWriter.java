package dev.vigil.api.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Writes one exchange's answer onto its channel: an {@link ApiError}, or each shape of
 * {@link ApiResponse}. Called on a worker thread (or the event loop for errors found there);
 * blocks only while streaming a body to a slow client. Calls {@code done} exactly once with the
 * status sent, after the last byte is handed to the channel; a connection that cannot continue
 * (not keep-alive, a body cut short) is closed.
 */
final class ResponseWriter {
    private final Channel channel;
    private final JsonCodec json;
    private final String requestId;
    private final boolean head;
    private final boolean keepAlive;
    private final ChannelOutput output;
    private final IntConsumer done;
    private boolean finished;

    ResponseWriter(Channel channel, JsonCodec json, String requestId, boolean head, boolean keepAlive,
            ChannelOutput output, IntConsumer done) {
        this.channel = channel;
        this.json = json;
        this.requestId = requestId;
        this.head = head;
        this.keepAlive = keepAlive;
        this.output = output;
        this.done = done;
    }

    /** Sends the error body; {@code close} forces the connection closed afterwards. */
    void error(ApiError error, Map<String, String> headers, boolean close) {
        byte[] body = json.write(new ErrorBody(error.code(), error.message(), error.details()));
        full(error.status(), "application/json", body, headers, close);
    }

    /** The JSON form of {@link ApiError}. */
    record ErrorBody(String code, String message, Map<String, Object> details) {}

    /**
     * Sends a route's response.
     *
     * @param range the request's {@code Range} header, or {@code null}
     * @param ifRange the request's {@code If-Range} header, or {@code null}
     */
    void response(ApiResponse response, String range, String ifRange) {
        if (response instanceof ApiResponse.Json j) {
            full(j.status(), "application/json", json.write(j.body()), j.headers(), false);
        } else if (response instanceof ApiResponse.Bytes b) {
            full(b.status(), b.contentType(), b.body(), b.headers(), false);
        } else if (response instanceof ApiResponse.Resource r) {
            resource(r, range, ifRange);
        } else if (response instanceof ApiResponse.Stream s) {
            stream(s);
        } else {
            throw new IllegalStateException("unknown response shape " + response.getClass());
        }
    }

    private void full(int status, String contentType, byte[] body, Map<String, String> headers, boolean close) {
        boolean empty = status == 204 || status == 304;
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                head || empty ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        common(r.headers(), headers, close);
        if (!empty) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        finish(channel.writeAndFlush(r), status, close);
    }

    private void resource(ApiResponse.Resource response, String range, String ifRange) {
        SizedResource res = response.resource();
        long size = res.size();
        ByteRanges.Plan plan = ByteRanges.plan(range, ifRange, size, res.etag(), res.lastModified());
        if (plan instanceof ByteRanges.Plan.Unsatisfiable u) {
            error(ApiError.rangeNotSatisfiable(size, u.why()), Map.of("Content-Range", "bytes */" + size,
                    "Accept-Ranges", "bytes"), false);
            return;
        }
        long first = 0;
        long length = size;
        int status = 200;
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        if (plan instanceof ByteRanges.Plan.Part p) {
            first = p.first();
            length = p.length();
            status = 206;
            r.setStatus(HttpResponseStatus.PARTIAL_CONTENT);
            r.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes " + p.first() + "-" + p.last() + "/" + size);
        }
        common(r.headers(), response.headers(), false);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, res.contentType());
        r.headers().set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        if (res.etag() != null) {
            r.headers().set(HttpHeaderNames.ETAG, res.etag());
        }
        if (res.lastModified() != null) {
            r.headers().set(HttpHeaderNames.LAST_MODIFIED, ByteRanges.httpDate(res.lastModified()));
        }
        if (head || length == 0) {
            channel.write(r);
            finish(channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), status, false);
            return;
        }
        InputStream in;
        try {
            in = res.open(first, length);
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "the body could not be read: " + e.getMessage(), e);
        }
        channel.write(r);
        long left = length;
        try (in) {
            while (left > 0) {
                int n = output.writeFrom(in, (int) Math.min(left, ChannelOutput.CHUNK));
                if (n < 0) {
                    throw new IOException("the resource ended " + left + " bytes early");
                }
                left -= n;
            }
            output.close();
        } catch (IOException | RuntimeException e) {
            output.abort();
            finishAborted(status);
            throw new StreamCut(e, length - left);
        }
        finish(channel.newSucceededFuture(), status, false);
    }

    private void stream(ApiResponse.Stream s) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(s.status()));
        common(r.headers(), s.headers(), false);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, s.contentType());
        HttpUtil.setTransferEncodingChunked(r, true);
        if (head) {
            channel.write(r);
            finish(channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), s.status(), false);
            return;
        }
        channel.write(r);
        try {
            s.writer().writeTo(output);
            output.close();
        } catch (IOException | RuntimeException e) {
            output.abort();
            finishAborted(s.status());
            throw new StreamCut(e, output.written());
        }
        finish(channel.newSucceededFuture(), s.status(), false);
    }

    private void common(HttpHeaders h, Map<String, String> extra, boolean close) {
        extra.forEach(h::set);
        h.set("X-Request-Id", requestId);
        if (!h.contains(HttpHeaderNames.CACHE_CONTROL)) {
            h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        }
        h.set("X-Content-Type-Options", "nosniff");
        h.set(HttpHeaderNames.CONNECTION, keepAlive && !close ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    }

    private void finish(ChannelFuture written, int status, boolean close) {
        if (finished) {
            return;
        }
        finished = true;
        boolean keep = keepAlive && !close;
        written.addListener(f -> {
            if (!keep || !f.isSuccess()) {
                channel.close();
            }
            done.accept(status);
        });
    }

    private void finishAborted(int status) {
        if (!finished) {
            finished = true;
            done.accept(status);
        }
    }

    /** Whether the answer has been (or is being) sent. */
    boolean finished() {
        return finished;
    }

    /** A body was cut short after its headers went out: the connection was closed. */
    static final class StreamCut extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long sent;

        StreamCut(Throwable cause, long sent) {
            super(cause);
            this.sent = sent;
        }

        long sent() {
            return sent;
        }
    }
}
