package dev.vigil.ingest.sim;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.IoTransport;
import dev.vigil.ingest.rtsp.Credentials;
import dev.vigil.core.model.Codec;
import dev.vigil.ingest.h264.H264Format;
import dev.vigil.ingest.h265.H265Format;
import dev.vigil.ingest.rtsp.InterleavedFrameDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated cameras over real RTSP: one server serving {@code N} looped copies of one encoded
 * H.264 or H.265 stream at {@code rtsp://BIND:PORT/sim/cam-1} to {@code cam-N}, TCP interleaved
 * (RFC 2326 section 10.12) or UDP unicast to the client's {@code client_port} (from one RTP/RTCP
 * port pair shared by all sessions), packetized per RFC 6184 (STAP-A for parameter sets, FU-A above
 * {@value dev.vigil.ingest.rtp.NalPacketizer#DEFAULT_MAX_PAYLOAD} bytes). Each session has its own random SSRC,
 * sequence and timestamp base; timestamps advance across loops, sequence numbers never restart.
 *
 * <p>Cost: one event loop thread and one shared timer for all streams; the stream is cut into
 * RTP payloads once, so a frame costs one buffer and a 16-byte header per packet. Hundreds of
 * streams fit on one core.
 *
 * <p>Not implemented yet: authentication, RTCP (sender reports), multicast. UDP data goes to the
 * address of the RTSP connection, never to a {@code destination=} the client names.
 */
public final class SimulatedCameraServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedCameraServer.class);

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final SimulatedStream stream;
    private final PacketizedLoop loop;
    private final int cameras;
    private final String host;
    private final EventLoopGroup group;
    private final EventLoop eventLoop;
    private final Pacer pacer;
    private final ChannelGroup connections;
    private final Channel serverChannel;
    private final int port;
    private final Channel rtpSocket;
    private final Channel rtcpSocket;
    private final Credentials credentials;
    private final AtomicLong sentFrames = new AtomicLong();
    private final AtomicLong skippedFrames = new AtomicLong();

    private SimulatedCameraServer(SimulatedStream stream, int cameras, String bind, int requestedPort,
            Credentials credentials) {
        this.credentials = credentials;
        this.stream = stream;
        this.loop = new PacketizedLoop(stream, dev.vigil.ingest.rtp.NalPacketizer.DEFAULT_MAX_PAYLOAD);
        this.cameras = cameras;
        this.host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        IoTransport transport = IoTransport.best();
        this.group = transport.newGroup(1, new DefaultThreadFactory("vigil-sim-rtsp", true));
        this.eventLoop = group.next();
        this.connections = new DefaultChannelGroup("simulated-cameras", eventLoop);
        this.pacer = submit(() -> new Pacer(eventLoop));
        SplittableRandom seeds = new SplittableRandom();
        try {
            this.serverChannel = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverSocketChannel())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1 << 20))
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast("demux", new InterleavedFrameDecoder());
                            ch.pipeline().addLast("rtsp", new SimulatedRtspConnection(SimulatedCameraServer.this,
                                    seeds.split()));
                        }
                    })
                    .bind(bind, requestedPort).syncUninterruptibly().channel();
        } catch (Exception e) { // Netty rethrows a failed bind's checked BindException unchecked
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            throw VigilException.unavailable("simulated cameras cannot listen on " + bind + ":" + requestedPort
                    + ": " + e, e);
        }
        this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        Channel[] pair;
        try {
            pair = bindUdpPair(transport, bind);
        } catch (Exception e) { // as above: a BindException arrives unchecked
            serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            throw VigilException.unavailable("simulated cameras cannot bind UDP ports on " + bind + ": " + e, e);
        }
        this.rtpSocket = pair[0];
        this.rtcpSocket = pair[1];
    }

    /** An RTP socket and an RTCP socket on the next port (RFC 3550 section 11), shared by all sessions. */
    private Channel[] bindUdpPair(IoTransport transport, String bind) {
        Exception last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            Channel rtp = udpBootstrap(transport).bind(bind, 0).syncUninterruptibly().channel();
            int p = ((InetSocketAddress) rtp.localAddress()).getPort();
            if (p < 65535) {
                try {
                    Channel rtcp = udpBootstrap(transport).bind(bind, p + 1).syncUninterruptibly().channel();
                    return new Channel[] {rtp, rtcp};
                } catch (Exception e) { // the next port is taken (a BindException, rethrown unchecked): try another pair
                    last = e;
                }
            }
            rtp.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        throw new IllegalStateException("no free UDP port pair in 20 tries", last);
    }

    private Bootstrap udpBootstrap(IoTransport transport) {
        return new Bootstrap().group(group).channel(transport.datagramChannel()).handler(DiscardInbound.INSTANCE);
    }

    /** Receiver reports and anything else sent to our UDP ports: read and dropped. */
    @ChannelHandler.Sharable
    private static final class DiscardInbound extends ChannelInboundHandlerAdapter {
        static final DiscardInbound INSTANCE = new DiscardInbound();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Starts serving.
     *
     * @param stream the encoded loop, shared by every camera
     * @param cameras number of streams, 1 to 10000
     * @param bind address to listen on, e.g. {@code 127.0.0.1}
     * @param port TCP port; 0 picks a free one
     * @throws VigilException UNAVAILABLE when the port cannot be bound
     */
    public static SimulatedCameraServer start(SimulatedStream stream, int cameras, String bind, int port) {
        return start(stream, cameras, bind, port, null);
    }

    /**
     * Like {@link #start(SimulatedStream, int, String, int)}, with RTSP Digest authentication
     * required for every method but OPTIONS when {@code credentials} is not {@code null}.
     */
    public static SimulatedCameraServer start(SimulatedStream stream, int cameras, String bind, int port,
            Credentials credentials) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(bind, "bind");
        if (cameras < 1 || cameras > 10_000) {
            throw VigilException.invalid("simulator.cameras must be in [1, 10000], was " + cameras);
        }
        if (port < 0 || port > 65535) {
            throw VigilException.invalid("simulator.port must be in [0, 65535], was " + port);
        }
        SimulatedCameraServer server = new SimulatedCameraServer(stream, cameras, bind, port, credentials);
        log.info("simulated cameras: {} streams at rtsp://{}:{}/sim/cam-1..{}, {} frames at {} fps",
                cameras, server.host, server.port, cameras, stream.frames().size(), stream.fps());
        return server;
    }

    /** The login every client must give, or {@code null} for none. */
    Credentials credentials() {
        return credentials;
    }

    /** The port actually bound. */
    public int port() {
        return port;
    }

    /** The stream URLs, {@code cam-1} first. */
    public List<String> urls() {
        List<String> out = new ArrayList<>(cameras);
        for (int i = 1; i <= cameras; i++) {
            out.add(url(i));
        }
        return out;
    }

    /** The stream being served. */
    public SimulatedStream stream() {
        return stream;
    }

    /** Frames written to clients so far, all sessions together. */
    public long sentFrames() {
        return sentFrames.get();
    }

    /** Frames skipped because a client did not keep up. */
    public long skippedFrames() {
        return skippedFrames.get();
    }

    /** Closes every connection and the listener, and stops the event loop thread; waits up to 5 s. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            rtpSocket.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
            rtcpSocket.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
            eventLoop.submit(pacer::stop).awaitUninterruptibly(1, TimeUnit.SECONDS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    String url(int camera) {
        return "rtsp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/sim/cam-" + camera;
    }

    /** The camera number a request URI names ({@code /sim/cam-N}, anything after it), or -1. */
    int cameraOf(String uri) {
        int at = uri.indexOf("/sim/cam-");
        if (at < 0) {
            return -1;
        }
        int i = at + "/sim/cam-".length();
        int n = 0;
        int digits = 0;
        while (i < uri.length() && Character.isDigit(uri.charAt(i)) && digits < 6) {
            n = n * 10 + (uri.charAt(i++) - '0');
            digits++;
        }
        if (digits == 0 || n < 1 || n > cameras || (i < uri.length() && uri.charAt(i) != '/')) {
            return -1;
        }
        return n;
    }

    String sdp(int camera) {
        return "v=0\r\n"
                + "o=- " + (1000 + camera) + " 1 IN IP4 " + host + "\r\n"
                + "s=Vigil simulated camera cam-" + camera + "\r\n"
                + "c=IN IP4 0.0.0.0\r\n"
                + "t=0 0\r\n"
                + "a=control:*\r\n"
                + "a=range:npt=0-\r\n"
                + "m=video 0 RTP/AVP 96\r\n"
                + (stream.codec() == Codec.H264 ? "a=rtpmap:96 H264/90000\r\n"
                        + H264Format.fmtp(96, stream.sps(), stream.pps()) + "\r\n"
                        : "a=rtpmap:96 H265/90000\r\n"
                        + H265Format.fmtp(96, stream.vps(), stream.sps(), stream.pps()) + "\r\n")
                + "a=framerate:" + stream.fps() + "\r\n"
                + "a=control:trackID=0\r\n";
    }

    PacketizedLoop loop() {
        return loop;
    }

    Channel rtpSocket() {
        return rtpSocket;
    }

    Channel rtcpSocket() {
        return rtcpSocket;
    }

    /** {@code server_port} of a UDP SETUP answer. */
    String udpServerPorts() {
        return ((InetSocketAddress) rtpSocket.localAddress()).getPort() + "-"
                + ((InetSocketAddress) rtcpSocket.localAddress()).getPort();
    }

    Pacer pacer() {
        return pacer;
    }

    ChannelGroup connections() {
        return connections;
    }

    void countSentFrame() {
        sentFrames.incrementAndGet();
    }

    void countSkippedFrame() {
        skippedFrames.incrementAndGet();
    }

    private <T> T submit(java.util.concurrent.Callable<T> task) {
        try {
            return eventLoop.submit(task).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new VigilException(ErrorKind.INTERNAL, "simulated camera server failed to start: " + e, e);
        }
    }
}
