package dev.vigil.api.http;

import dev.vigil.core.error.VigilException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, last in the pipeline: takes one whole request at a time, finds its route
 * on the event loop, and hands it to a worker thread that authorizes it, runs the handler and
 * writes the answer. Only when that answer is written does it ask the socket for more (auto-read
 * is off; the decoders ask for the rest of a partly received request themselves). Pipelined
 * requests that arrive together wait in a queue of at most {@value #MAX_PIPELINED} and are answered
 * in order; a client that sends more is disconnected.
 *
 * <p>Whatever a client sends, the answer is a status with the JSON error body or the route's
 * response; nothing thrown escapes to Netty, and a failed handler is logged with its request id.
 *
 * <p>Ownership: each {@link FullHttpRequest} is released here, on the event loop, after its body
 * was copied; the worker never touches Netty buffers of the request.
 */
final class ApiConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ApiConnection.class);
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS");
    /** Most query parameters read from a URI; more is a 400. */
    static final int MAX_QUERY_PARAMS = 64;
    /** Requests received while one is being served that wait their turn; more closes the connection. */
    static final int MAX_PIPELINED = 16;

    private final ApiServer.Shared shared;
    private ChannelHandlerContext ctx;
    private RequestDeadline deadline;
    private ChannelOutput output;
    private final java.util.ArrayDeque<FullHttpRequest> waiting = new java.util.ArrayDeque<>();
    private boolean busy;

    ApiConnection(ApiServer.Shared shared) {
        this.shared = shared;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.deadline = ctx.pipeline().get(RequestDeadline.class);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline.awaitRequest();
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (output != null) {
            output.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (output != null) {
            output.writabilityChanged();
        }
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    private void releaseWaiting() {
        FullHttpRequest r;
        while ((r = waiting.poll()) != null) {
            r.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            log.debug("API connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        deadline.requestArrived();
        if (busy) {
            if (waiting.size() >= MAX_PIPELINED) {
                request.release();
                releaseWaiting();
                ctx.close();
                return;
            }
            waiting.add(request);
            return;
        }
        busy = true;
        start(request);
    }

    private void start(FullHttpRequest request) {
        long started = System.nanoTime();
        Exchange exchange;
        try {
            exchange = receive(request, started);
        } finally {
            request.release();
        }
        if (exchange.early != null) {
            exchange.writer.error(exchange.early, exchange.earlyHeaders, exchange.closeAfter);
            return;
        }
        try {
            shared.workers().execute(() -> serve(exchange));
        } catch (RejectedExecutionException e) {
            exchange.writer.error(ApiError.busy(), Map.of("Retry-After", "1"), false);
        }
    }

    /** What the event loop learned of a request; {@code early} set when it is answered at once. */
    private final class Exchange {
        String requestId;
        String methodLabel;
        String routeLabel = HttpMetrics.UNMATCHED;
        long started;
        ApiRequest request;
        HttpHeaders headers;
        String queryToken;
        String statedReason;
        ResponseWriter writer;
        ApiError early;
        Map<String, String> earlyHeaders = Map.of();
        boolean closeAfter;
    }

    private Exchange receive(FullHttpRequest request, long started) {
        Exchange x = new Exchange();
        x.started = started;
        x.requestId = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE).substring(0, 12);
        String method = request.method().name();
        x.methodLabel = KNOWN_METHODS.contains(method) ? method : "other";
        boolean head = request.method().equals(HttpMethod.HEAD);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        output = new ChannelOutput(ctx.channel(), shared.writeTimeoutNanos());
        x.writer = new ResponseWriter(ctx.channel(), shared.json(), x.requestId, head, keepAlive, output,
                status -> completed(x, status));
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                x.early = ApiError.uriTooLong(ApiServer.MAX_INITIAL_LINE);
            } else if (cause instanceof TooLongFrameException) {
                x.early = ApiError.headersTooLarge(shared.maxHeaderBytes());
            } else {
                x.early = ApiError.badRequest("the request could not be parsed as HTTP/1.1: "
                        + ApiError.printable(cause == null ? "malformed" : cause.getMessage()));
            }
            x.closeAfter = true;
            return x;
        }
        if (request.protocolVersion().majorVersion() != 1) {
            x.early = ApiError.badRequest("only HTTP/1.1 and HTTP/1.0 are served, was "
                    + ApiError.printable(request.protocolVersion().text()));
            x.closeAfter = true;
            return x;
        }
        String uri = request.uri();
        if (!uri.startsWith("/")) {
            x.early = ApiError.badRequest("the request target must be a path starting with /");
            return x;
        }
        QueryStringDecoder decoded;
        Map<String, List<String>> query;
        try {
            decoded = new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, MAX_QUERY_PARAMS + 1);
            query = decoded.parameters();
            if (query.values().stream().mapToInt(List::size).sum() > MAX_QUERY_PARAMS) {
                x.early = ApiError.badRequest("more than " + MAX_QUERY_PARAMS + " query parameters");
                return x;
            }
        } catch (IllegalArgumentException e) {
            x.early = ApiError.badRequest("the query string is malformed: " + ApiError.printable(e.getMessage()));
            return x;
        }
        String rawPath = decoded.rawPath();
        RouteTable.Lookup lookup;
        try {
            lookup = shared.routes().lookup(request.method(), rawPath);
        } catch (VigilException e) {
            x.early = ApiError.of(e, x.requestId);
            return x;
        }
        if (lookup instanceof RouteTable.Lookup.NotFound) {
            x.early = ApiError.notFound(rawPath);
            return x;
        }
        if (lookup instanceof RouteTable.Lookup.WrongMethod w) {
            x.early = ApiError.methodNotAllowed(method, w.allowed());
            x.earlyHeaders = Map.of("Allow", String.join(", ", w.allowed()));
            return x;
        }
        RouteTable.Lookup.Found found = (RouteTable.Lookup.Found) lookup;
        x.routeLabel = found.route().template().text();
        Map<String, List<String>> rest = new LinkedHashMap<>(query);
        x.queryToken = first(rest.remove(ApiRequest.TOKEN_PARAM));
        String reasonParam = first(rest.remove(ApiRequest.REASON_PARAM));
        String reasonHeader = request.headers().get(ApiRequest.REASON_HEADER);
        x.statedReason = reasonHeader != null ? reasonHeader : reasonParam;
        x.headers = request.headers().copy();
        String path;
        try {
            path = PercentDecoding.decode(rawPath);
        } catch (IllegalArgumentException e) {
            path = rawPath;
        }
        x.request = new ApiRequest(x.requestId, shared.clock().instant(), request.method(), path, found.route(),
                found.params(), java.util.Collections.unmodifiableMap(rest), x.headers,
                ByteBufUtil.getBytes(request.content()), remote(), null, null, shared.json());
        return x;
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** On a worker: authorize, run the handler, write the answer or the error. */
    private void serve(Exchange x) {
        try {
            ApiRequest authorized = shared.authorizer().authorize(x.request, x.headers.get("Authorization"),
                    x.queryToken, x.statedReason);
            ApiResponse response = x.request.route().handler().handle(authorized);
            if (response == null) {
                throw new IllegalStateException("route " + x.request.route() + " returned no response");
            }
            x.writer.response(response, x.headers.get("Range"), x.headers.get("If-Range"));
        } catch (ResponseWriter.StreamCut e) {
            log.info("{}: response cut after {} bytes: {}", x.request, e.sent(), e.getCause().toString());
        } catch (RequestAuthorizer.RateLimited e) {
            x.writer.error(ApiError.rateLimited(e.retryAfterSeconds()),
                    Map.of("Retry-After", Long.toString(e.retryAfterSeconds())), false);
        } catch (ApiRequest.UnsupportedBody e) {
            x.writer.error(ApiError.unsupportedMediaType(e.given()), Map.of(), false);
        } catch (VigilException e) {
            ApiError error = ApiError.of(e, x.requestId);
            if (error.status() >= 500) {
                log.warn("{} failed: {}", x.request, e.toString(), e.kind() == dev.vigil.core.error.ErrorKind.INTERNAL
                        ? e : null);
            }
            x.writer.error(error, error.status() == 401 ? Map.of("WWW-Authenticate", "Bearer realm=\"vigil\"")
                    : Map.of(), false);
        } catch (Exception | Error e) {
            log.error("{} failed", x.request, e);
            if (!x.writer.finished()) {
                x.writer.error(ApiError.internal(x.requestId), Map.of(), false);
            } else {
                ctx.close();
            }
        }
    }

    /** The answer is written: count it and, on a kept-alive connection, read the next request. */
    private void completed(Exchange x, int status) {
        shared.metrics().observe(x.routeLabel, x.methodLabel, status, System.nanoTime() - x.started);
        ctx.executor().execute(() -> {
            busy = false;
            if (!ctx.channel().isActive()) {
                releaseWaiting();
                return;
            }
            FullHttpRequest next = waiting.poll();
            if (next != null) {
                busy = true;
                start(next);
            } else {
                deadline.awaitRequest();
                ctx.read();
            }
        });
    }

    /** Sends 413 for an oversized body and closes (called by {@link BodyLimit} on the event loop). */
    void bodyTooLarge() {
        long started = System.nanoTime();
        Exchange x = new Exchange();
        x.started = started;
        x.requestId = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE).substring(0, 12);
        x.methodLabel = "other";
        deadline.requestArrived();
        new ResponseWriter(ctx.channel(), shared.json(), x.requestId, false, false, new ChannelOutput(ctx.channel(),
                shared.writeTimeoutNanos()), status -> completed(x, status))
                .error(ApiError.payloadTooLarge(shared.maxBodyBytes()), Map.of(), true);
    }

    /** Sends 408 for a request that did not arrive in time and closes (called by {@link RequestDeadline}). */
    void requestTooSlow() {
        Exchange x = new Exchange();
        x.started = System.nanoTime();
        x.requestId = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE).substring(0, 12);
        x.methodLabel = "other";
        new ResponseWriter(ctx.channel(), shared.json(), x.requestId, false, false, new ChannelOutput(ctx.channel(),
                shared.writeTimeoutNanos()), status -> shared.metrics().observe(HttpMetrics.UNMATCHED, "other",
                status, System.nanoTime() - x.started))
                .error(ApiError.requestTimeout(shared.readTimeoutSeconds()), Map.of(), true);
    }

    private String remote() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }
}
