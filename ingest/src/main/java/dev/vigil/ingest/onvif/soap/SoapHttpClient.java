package dev.vigil.ingest.onvif.soap;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.ingest.IoTransport;
import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.OnvifFailure;
import dev.vigil.core.net.CameraNetworks;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * HTTP/1.1 POST of SOAP envelopes over Netty: one connection per request ({@code Connection:
 * close}), the whole answer aggregated up to {@code maxAnswerBytes} (a larger one fails with
 * RESOURCE_EXHAUSTED without being read further), and one deadline for connect, send and answer.
 * {@code https://} uses the JDK's trust store.
 *
 * <p>Buffers: the request is written (and released by Netty); the aggregated answer is copied into
 * a {@code byte[]} and released by {@link SimpleChannelInboundHandler}: no {@code ByteBuf} leaves
 * this class.
 *
 * <p>Threading: thread-safe; futures complete on an event loop of the group, so callers must not
 * block them there. {@link #close()} stops the group when this client created it.
 */
public final class SoapHttpClient implements AutoCloseable {
    /** Default answer limit: {@value SafeXml#DEFAULT_MAX_BYTES} bytes. */
    public static final int DEFAULT_MAX_ANSWER_BYTES = SafeXml.DEFAULT_MAX_BYTES;

    private final EventLoopGroup group;
    private final IoTransport transport;
    private final boolean ownsGroup;
    private final int maxAnswerBytes;
    private final Duration timeout;
    /** Where this client may connect, or {@code null} for anywhere. */
    private final CameraNetworks allowed;
    private volatile SslContext tls;

    private SoapHttpClient(EventLoopGroup group, IoTransport transport, boolean ownsGroup, int maxAnswerBytes,
            Duration timeout) {
        this(group, transport, ownsGroup, maxAnswerBytes, timeout, null);
    }

    private SoapHttpClient(EventLoopGroup group, IoTransport transport, boolean ownsGroup, int maxAnswerBytes,
            Duration timeout, CameraNetworks allowed) {
        this.allowed = allowed;
        this.group = Objects.requireNonNull(group, "group");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.ownsGroup = ownsGroup;
        if (maxAnswerBytes < 1024) {
            throw new IllegalArgumentException("maxAnswerBytes must be at least 1024, was " + maxAnswerBytes);
        }
        this.maxAnswerBytes = maxAnswerBytes;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** A client with its own one-thread event loop group (daemon threads named {@code vigil-onvif}). */
    public static SoapHttpClient create(Duration timeout) {
        IoTransport t = IoTransport.best();
        return new SoapHttpClient(t.newGroup(1, new DefaultThreadFactory("vigil-onvif", true)), t, true,
                DEFAULT_MAX_ANSWER_BYTES, timeout);
    }

    /** A client on a group the caller owns and shuts down. */
    public static SoapHttpClient on(EventLoopGroup group, IoTransport transport, int maxAnswerBytes, Duration timeout) {
        return new SoapHttpClient(group, transport, false, maxAnswerBytes, timeout);
    }

    /**
     * A client on this one's event loops that connects only to addresses {@code networks} permits:
     * each request resolves the host once and connects to a permitted address, so a name that
     * resolves elsewhere after it was checked (DNS rebinding) gets no connection. Closing it
     * closes nothing of this client.
     */
    public SoapHttpClient restrictedTo(CameraNetworks networks) {
        return new SoapHttpClient(group, transport, false, maxAnswerBytes, timeout,
                Objects.requireNonNull(networks, "networks"));
    }

    /** The per-request deadline. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * POSTs {@code envelope} to {@code url}.
     *
     * @param action the SOAP action for the {@code Content-Type} ({@code application/soap+xml; action=...}), or {@code null}
     * @param authorization an {@code Authorization} header value (HTTP Digest), or {@code null}
     * @return the answer, whatever its status; fails with an {@link OnvifException} for
     *     UNREACHABLE, TIMEOUT or PROTOCOL_ERROR (too large, not HTTP)
     */
    public CompletableFuture<HttpAnswer> post(URI url, String action, byte[] envelope, String authorization) {
        CompletableFuture<HttpAnswer> answer = new CompletableFuture<>();
        boolean secure = "https".equalsIgnoreCase(url.getScheme());
        String host = url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : secure ? 443 : 80;
        String where = safe(url);
        SslContext tlsContext;
        try {
            tlsContext = secure ? tls() : null;
        } catch (SSLException e) {
            answer.completeExceptionally(new OnvifException(OnvifFailure.UNREACHABLE, where + ": no TLS: " + e, e));
            return answer;
        }
        Bootstrap b = new Bootstrap().group(group).channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tlsContext != null) {
                            ch.pipeline().addLast("tls", tlsContext.newHandler(ch.alloc(), host, port));
                        }
                        ch.pipeline().addLast("http", new HttpClientCodec());
                        ch.pipeline().addLast("aggregate", new HttpObjectAggregator(maxAnswerBytes));
                        ch.pipeline().addLast("answer", new AnswerHandler(answer, where));
                    }
                });
        ChannelFuture connect;
        if (allowed == null) {
            connect = b.connect(host, port);
        } else {
            InetAddress address;
            try {
                address = permitted(host);
            } catch (OnvifException e) {
                answer.completeExceptionally(e);
                return answer;
            }
            connect = b.connect(new InetSocketAddress(address, port));
        }
        Channel ch = connect.channel();
        ScheduledFuture<?> deadline = ch.eventLoop().schedule(() -> {
            if (answer.completeExceptionally(new OnvifException(OnvifFailure.TIMEOUT, where + ": no answer within "
                    + timeout.toMillis() + " ms"))) {
                ch.close();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((a, e) -> deadline.cancel(false));
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                answer.completeExceptionally(new OnvifException(OnvifFailure.UNREACHABLE, where + ": cannot connect: "
                        + rootMessage(f.cause()), f.cause()));
                return;
            }
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            if (url.getRawQuery() != null) {
                path += "?" + url.getRawQuery();
            }
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                    Unpooled.wrappedBuffer(envelope));
            request.headers().set(HttpHeaderNames.HOST, port == (secure ? 443 : 80) ? host : host + ":" + port);
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/soap+xml; charset=utf-8"
                    + (action == null ? "" : "; action=\"" + action + "\""));
            request.headers().set(HttpHeaderNames.CONTENT_LENGTH, envelope.length);
            request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            if (authorization != null) {
                request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
            }
            f.channel().writeAndFlush(request).addListener((ChannelFuture w) -> {
                if (!w.isSuccess()) {
                    answer.completeExceptionally(new OnvifException(OnvifFailure.UNREACHABLE, where
                            + ": sending failed: " + rootMessage(w.cause()), w.cause()));
                    w.channel().close();
                }
            });
        });
        return answer;
    }

    /** The first address of {@code host} that {@link #allowed} permits. */
    private InetAddress permitted(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new OnvifException(OnvifFailure.UNREACHABLE, "host " + bare + " does not resolve");
        }
        for (InetAddress a : all) {
            if (allowed.permits(a)) {
                return a;
            }
        }
        throw new OnvifException(OnvifFailure.UNREACHABLE, "host " + bare + " is outside the camera networks ("
                + allowed + "); not connecting");
    }

    private SslContext tls() throws SSLException {
        SslContext t = tls;
        if (t == null) {
            t = SslContextBuilder.forClient().build();
            tls = t;
        }
        return t;
    }

    /** A URL for messages: no user info, no query. */
    static String safe(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage() != null ? r.getMessage() : r.getClass().getSimpleName();
    }

    @Override
    public void close() {
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** Completes the future with the aggregated answer; borrows nothing past {@code channelRead0}. */
    private static final class AnswerHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final CompletableFuture<HttpAnswer> answer;
        private final String where;

        AnswerHandler(CompletableFuture<HttpAnswer> answer, String where) {
            this.answer = answer;
            this.where = where;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
            if (!msg.decoderResult().isSuccess()) {
                answer.completeExceptionally(new OnvifException(OnvifFailure.PROTOCOL_ERROR, where
                        + ": not an HTTP answer: " + rootMessage(msg.decoderResult().cause())));
            } else {
                answer.complete(new HttpAnswer(msg.status().code(), msg.headers().get(HttpHeaderNames.CONTENT_TYPE),
                        msg.headers().getAll(HttpHeaderNames.WWW_AUTHENTICATE), ByteBufUtil.getBytes(msg.content())));
            }
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                answer.completeExceptionally(new OnvifException(OnvifFailure.PROTOCOL_ERROR,
                        ErrorKind.RESOURCE_EXHAUSTED, where + ": answer too large (" + cause.getMessage() + ")", cause));
            } else {
                answer.completeExceptionally(new OnvifException(OnvifFailure.UNREACHABLE, where + ": "
                        + rootMessage(cause), cause));
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            answer.completeExceptionally(new OnvifException(OnvifFailure.UNREACHABLE, where
                    + ": the connection closed before an answer"));
            ctx.fireChannelInactive();
        }
    }
}
