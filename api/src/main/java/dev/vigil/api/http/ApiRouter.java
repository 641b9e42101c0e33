package dev.vigil.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.core.port.CameraStatus;
import dev.vigil.core.port.NodeStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests of the operational API. Every error answer is the JSON body
 * {@code {code, message, details}}; nothing here answers with a stack trace.
 *
 * <p>Ownership: the aggregated request is released by {@link SimpleChannelInboundHandler}; each
 * response buffer is handed to the channel, which releases it.
 */
@ChannelHandler.Sharable
final class ApiRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);

    private final NodeStatus status;
    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter metricsWriter = PrometheusTextFormatWriter.create();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    ApiRouter(NodeStatus status, PrometheusRegistry registry) {
        this.status = status;
        this.registry = registry;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            HttpResponseStatus code = cause instanceof TooLongFrameException
                    ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpResponseStatus.BAD_REQUEST;
            send(ctx, request, error(code, "bad_request", "the request could not be read", null), false);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        boolean get = request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD);
        FullHttpResponse response;
        try {
            response = switch (path) {
                case "/healthz" -> get ? text(HttpResponseStatus.OK, "text/plain; charset=utf-8", "ok\n") : notAllowed();
                case "/readyz" -> get ? readiness() : notAllowed();
                case "/metrics" -> get ? metrics() : notAllowed();
                case "/api/v1/cameras" -> get ? cameras() : notAllowed();
                default -> error(HttpResponseStatus.NOT_FOUND, "not_found", "no route " + path, null);
            };
        } catch (IOException | RuntimeException e) {
            log.warn("{} {} failed: {}", request.method(), path, e.toString());
            response = error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal", "the request failed", null);
        }
        send(ctx, request, response, HttpUtil.isKeepAlive(request));
    }

    private FullHttpResponse readiness() throws IOException {
        Map<String, String> checks = new TreeMap<>(status.readiness());
        boolean ready = checks.values().stream().allMatch(v -> v == null);
        ObjectNode body = json.createObjectNode();
        body.put("ready", ready);
        ObjectNode deps = body.putObject("checks");
        checks.forEach((name, problem) -> deps.put(name, problem == null ? "ok" : problem));
        List<CameraStatus> cameras = status.cameras();
        ObjectNode cams = body.putObject("cameras");
        cams.put("total", cameras.size());
        cams.put("playing", cameras.stream().filter(c -> c.state().equals("playing")).count());
        return jsonResponse(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    }

    private FullHttpResponse metrics() throws IOException {
        ByteBuf buf = Unpooled.buffer(16 * 1024);
        try (ByteBufOutputStream out = new ByteBufOutputStream(buf)) {
            metricsWriter.write(out, registry.scrape());
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
        return response(HttpResponseStatus.OK, metricsWriter.getContentType(), buf);
    }

    private FullHttpResponse cameras() throws IOException {
        ObjectNode body = json.createObjectNode();
        body.set("cameras", json.valueToTree(status.cameras()));
        return jsonResponse(HttpResponseStatus.OK, body);
    }

    private FullHttpResponse notAllowed() {
        return error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "only GET is allowed here", null);
    }

    private FullHttpResponse error(HttpResponseStatus code, String errorCode, String message, Object details) {
        ObjectNode body = json.createObjectNode();
        body.put("code", errorCode);
        body.put("message", message);
        body.set("details", details == null ? json.createObjectNode() : json.valueToTree(details));
        try {
            return jsonResponse(code, body);
        } catch (IOException e) {
            return text(code, "text/plain; charset=utf-8", message + "\n");
        }
    }

    private FullHttpResponse jsonResponse(HttpResponseStatus code, Object body) throws IOException {
        return response(code, "application/json", Unpooled.wrappedBuffer(json.writeValueAsBytes(body)));
    }

    private static FullHttpResponse text(HttpResponseStatus code, String type, String body) {
        return response(code, type, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    }

    private static FullHttpResponse response(HttpResponseStatus code, String type, ByteBuf body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, code, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return r;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response,
            boolean keepAlive) {
        if (request.method().equals(HttpMethod.HEAD)) {
            response.content().clear();
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof ReadTimeoutException) && !(cause instanceof IOException)) {
            log.debug("API connection error: {}", cause.toString());
        }
        ctx.close();
    }
}
