package dev.vigil.api.http;

import dev.vigil.core.config.ApiConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.port.NodeStatus;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of the API on Netty: one pipeline (codec, aggregator with a small body limit,
 * read timeout, {@link ApiRouter}) on one event loop thread, bound to {@code api.bind}:{@code api.port}
 * (0 picks a free port). Routes today: {@code /healthz}, {@code /readyz}, {@code /metrics} and
 * {@code GET /api/v1/cameras}.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    /** Largest request line, header block and body accepted. */
    static final int MAX_INITIAL_LINE = 4096;
    static final int MAX_HEADER_BYTES = 8192;
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int READ_TIMEOUT_SECONDS = 30;

    private final EventLoopGroup group;
    private final Channel channel;

    private ApiServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    public static ApiServer start(ApiConfig config, NodeStatus status, PrometheusRegistry registry) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(registry, "registry");
        ApiRouter router = new ApiRouter(status, registry);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("vigil-api", true),
                NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                                    .addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, 8192))
                                    .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                                    .addLast(router);
                        }
                    })
                    .bind(config.bind(), config.port()).syncUninterruptibly().channel();
            log.info("API listening on http://{}:{}", config.bind(), ((InetSocketAddress) channel.localAddress()).getPort());
            return new ApiServer(group, channel);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new VigilException(ErrorKind.UNAVAILABLE, "api: cannot listen on " + config.bind() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public String toString() {
        return "ApiServer[" + channel.localAddress() + "]";
    }
}
