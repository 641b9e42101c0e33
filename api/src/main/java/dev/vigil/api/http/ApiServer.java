package dev.vigil.api.http;

import dev.vigil.api.auth.Authenticator;
import dev.vigil.api.auth.CameraSites;
import dev.vigil.core.config.ApiConfig;
import dev.vigil.core.config.ApiLimitsConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server of the API on Netty, bound to {@code api.bind}:{@code api.port} (0 picks a
 * free port). See the package documentation for the request's path through it.
 *
 * <p>Pipeline per connection: {@link RequestDeadline} (read timeout) - {@link HttpServerCodec}
 * (request line up to {@value #MAX_INITIAL_LINE} bytes, headers up to
 * {@code api.limits.maxHeaderBytes}) - {@link BodyLimit} (body up to
 * {@code api.limits.maxBodyBytes}) - {@link ApiConnection} (one request at a time). Handlers run on {@code api.limits.workerThreads} worker threads with a
 * queue of {@value #WORKER_QUEUE}; when it is full, requests are answered 503 at once.
 *
 * <p>{@link #close()} stops accepting, closes connections and stops the workers.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    /** Longest request line (method, target, version) accepted; longer is 431. */
    public static final int MAX_INITIAL_LINE = 4096;
    /** Requests waiting for a worker before new ones are answered 503. */
    public static final int WORKER_QUEUE = 256;

    private final EventLoopGroup group;
    private final ExecutorService workers;
    private final Channel channel;
    private final RouteTable routes;

    /** What every connection shares. */
    record Shared(RouteTable routes, RequestAuthorizer authorizer, HttpMetrics metrics, JsonCodec json, Clock clock,
            ExecutorService workers, ApiLimitsConfig limits) {
        long writeTimeoutNanos() {
            return TimeUnit.SECONDS.toNanos(limits.writeTimeoutSeconds());
        }

        int maxBodyBytes() {
            return limits.maxBodyBytes();
        }

        int maxHeaderBytes() {
            return limits.maxHeaderBytes();
        }

        int readTimeoutSeconds() {
            return limits.readTimeoutSeconds();
        }
    }

    private ApiServer(EventLoopGroup group, ExecutorService workers, Channel channel, RouteTable routes) {
        this.group = group;
        this.workers = workers;
        this.channel = channel;
        this.routes = routes;
    }

    /**
     * Binds and starts serving.
     *
     * @param cameraSites the site of each camera, for routes with {@link dev.vigil.api.auth.SiteRule.CameraParam}
     * @param registry where {@link HttpMetrics} go
     * @throws VigilException UNAVAILABLE if the address cannot be bound
     */
    public static ApiServer start(ApiConfig config, RouteTable routes, Authenticator authenticator,
            CameraSites cameraSites, PrometheusRegistry registry, Clock clock) {
        Objects.requireNonNull(routes, "routes");
        ApiLimitsConfig limits = config.limits();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(limits.workerThreads(), limits.workerThreads(), 60,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(WORKER_QUEUE), new DefaultThreadFactory("vigil-api-worker",
                true));
        Shared shared = new Shared(routes, new RequestAuthorizer(authenticator, cameraSites,
                new RateLimiter(limits.requestsPerSecond(), limits.burst(), clock)), new HttpMetrics(registry),
                new JsonCodec(), clock, workers, limits);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("vigil-api", true),
                NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ApiConnection connection = new ApiConnection(shared);
                            ch.pipeline()
                                    .addLast(new RequestDeadline(TimeUnit.SECONDS.toNanos(limits.readTimeoutSeconds()),
                                            connection::requestTooSlow))
                                    .addLast(new HttpServerCodec(new HttpDecoderConfig()
                                            .setMaxInitialLineLength(MAX_INITIAL_LINE)
                                            .setMaxHeaderSize(limits.maxHeaderBytes())
                                            .setMaxChunkSize(8192)))
                                    .addLast(new BodyLimit(limits.maxBodyBytes(), c -> connection.bodyTooLarge()))
                                    .addLast(connection);
                        }
                    })
                    .bind(config.bind(), config.port()).syncUninterruptibly().channel();
            log.info("API listening on http://{}:{} ({} routes)", config.bind(),
                    ((InetSocketAddress) channel.localAddress()).getPort(), routes.routes().size());
            return new ApiServer(group, workers, channel, routes);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownNow();
            throw new VigilException(ErrorKind.UNAVAILABLE, "api: cannot listen on " + config.bind() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
    }

    /** The port bound. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The routes served. */
    public RouteTable routes() {
        return routes;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownNow();
    }

    @Override
    public String toString() {
        return "ApiServer[" + channel.localAddress() + "]";
    }
}
