package dev.vigil.ingest.sim;

import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.onvif.discovery.ProbeMessages;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The WS-Discovery side of a simulated ONVIF camera: answers each Probe with a ProbeMatches (its
 * endpoint reference, XAddrs and ONVIF scopes), unicast to the prober. Listens on a unicast
 * address ({@link #unicast}) or joins the WS-Discovery multicast group on one interface
 * ({@link #multicast}). Datagrams that are not probes are counted and dropped.
 */
public final class SimulatedDiscoveryResponder implements AutoCloseable {
    private final EventLoopGroup group;
    private final DatagramChannel channel;
    private final String endpoint = "urn:uuid:" + UUID.randomUUID();
    private final AtomicLong probes = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    private SimulatedDiscoveryResponder(String bind, int port, List<URI> xaddrs, List<String> scopes,
            NetworkInterface joinOn) {
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("vigil-sim-discovery", true),
                NioIoHandler.newFactory());
        try {
            channel = (DatagramChannel) new Bootstrap().group(group)
                    .channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET))
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                            String id;
                            try {
                                id = ProbeMessages.probeMessageId(ByteBufUtil.getBytes(p.content()));
                            } catch (VigilException e) {
                                id = null;
                            }
                            if (id == null) {
                                ignored.incrementAndGet();
                                return;
                            }
                            probes.incrementAndGet();
                            byte[] answer = SimulatedOnvifAnswers.probeMatches(id, endpoint, xaddrs, scopes)
                                    .getBytes(StandardCharsets.UTF_8);
                            ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(answer), p.sender()));
                        }
                    })
                    .bind(bind, port).syncUninterruptibly().channel();
            if (joinOn != null) {
                channel.joinGroup(new InetSocketAddress(InetAddress.getByName(ProbeMessages.MULTICAST_GROUP), port),
                        joinOn).syncUninterruptibly();
            }
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            throw VigilException.unavailable("simulated discovery responder cannot listen on " + bind + ":" + port
                    + (joinOn != null ? " joined to " + ProbeMessages.MULTICAST_GROUP + " on " + joinOn.getName() : "")
                    + ": " + e, e);
        }
    }

    /** Answers probes sent to {@code bind} on a free port. */
    public static SimulatedDiscoveryResponder unicast(String bind, List<URI> xaddrs, List<String> scopes) {
        return new SimulatedDiscoveryResponder(bind, 0, xaddrs, scopes, null);
    }

    /**
     * Answers probes sent to the multicast group on {@code port}, joined on {@code networkInterface}.
     *
     * @throws VigilException UNAVAILABLE when the group cannot be joined (no multicast on that interface)
     */
    public static SimulatedDiscoveryResponder multicast(int port, NetworkInterface networkInterface, List<URI> xaddrs,
            List<String> scopes) {
        return new SimulatedDiscoveryResponder("0.0.0.0", port, xaddrs, scopes, networkInterface);
    }

    public int port() {
        return channel.localAddress().getPort();
    }

    /** The endpoint reference this device announces. */
    public String endpoint() {
        return endpoint;
    }

    public long probes() {
        return probes.get();
    }

    public long ignored() {
        return ignored.get();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
