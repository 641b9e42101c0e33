package dev.vigil.ingest.onvif.discovery;

import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.OnvifFailure;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Finds ONVIF devices with a WS-Discovery Probe over UDP: to the multicast group
 * {@code 239.255.255.250:3702} (every device on the link), or directed to one host (a device on
 * another subnet, or a test responder on loopback). The probe is sent twice, 100 ms apart (SOAP over
 * UDP repeats once: datagrams get lost); answers are collected for the whole timeout, matched to
 * our probe by {@code RelatesTo}, and merged per endpoint reference.
 *
 * <p>Threading: {@link #probe} blocks the caller for the timeout; it uses its own event loop
 * thread, stopped before it returns. Bad datagrams are counted, never thrown.
 */
public final class WsDiscoveryClient {
    private final Duration timeout;
    private final NetworkInterface multicastInterface;

    /**
     * @param timeout how long to collect answers
     * @param multicastInterface the interface for multicast probes, or {@code null} for the system's choice
     */
    public WsDiscoveryClient(Duration timeout, NetworkInterface multicastInterface) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.multicastInterface = multicastInterface;
    }

    /** The multicast target {@code 239.255.255.250:3702}. */
    public static InetSocketAddress multicast() {
        return new InetSocketAddress(ProbeMessages.MULTICAST_GROUP, ProbeMessages.PORT);
    }

    /**
     * Probes {@code target} and collects answers until the timeout.
     *
     * @throws OnvifException UNREACHABLE when no UDP socket can be opened or the probe cannot be sent
     */
    public DiscoveryResult probe(InetSocketAddress target) throws InterruptedException {
        UUID id = UUID.randomUUID();
        String relatesTo = "urn:uuid:" + id;
        byte[] probe = ProbeMessages.probe(id);
        Collector collector = new Collector(relatesTo);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("vigil-onvif-discovery", true),
                NioIoHandler.newFactory());
        try {
            Bootstrap b = new Bootstrap().group(group)
                    .channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET))
                    .option(ChannelOption.SO_BROADCAST, false)
                    .handler(collector);
            if (target.getAddress() != null && target.getAddress().isMulticastAddress()) {
                b.option(ChannelOption.IP_MULTICAST_TTL, 1).option(ChannelOption.IP_MULTICAST_LOOP_DISABLED, false);
                if (multicastInterface != null) {
                    b.option(ChannelOption.IP_MULTICAST_IF, multicastInterface);
                }
            }
            Channel ch;
            try {
                ch = b.bind(0).sync().channel();
            } catch (Exception e) {
                throw new OnvifException(OnvifFailure.UNREACHABLE, "WS-Discovery: cannot open a UDP socket: " + e, e);
            }
            long end = System.nanoTime() + timeout.toNanos();
            for (int i = 0; i < 2; i++) {
                var sent = ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(probe), target)).await();
                if (!sent.isSuccess() && i == 0) {
                    ch.close().await(1, TimeUnit.SECONDS);
                    throw new OnvifException(OnvifFailure.UNREACHABLE, "WS-Discovery: cannot send a probe to "
                            + target.getHostString() + ":" + target.getPort() + ": " + sent.cause(), sent.cause());
                }
                if (i == 0) {
                    Thread.sleep(Math.min(100, Math.max(1, timeout.toMillis() / 4)));
                }
            }
            long left = end - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            ch.close().await(1, TimeUnit.SECONDS);
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS);
        }
        return collector.result();
    }

    /** Reads each datagram into a byte array (the packet is released by the superclass). */
    private static final class Collector extends SimpleChannelInboundHandler<DatagramPacket> {
        private final String relatesTo;
        private final Map<String, DiscoveredDevice> devices = new LinkedHashMap<>();
        private int unusable;
        private String lastProblem;

        Collector(String relatesTo) {
            this.relatesTo = relatesTo;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            InetSocketAddress sender = packet.sender();
            String from = sender.getAddress().getHostAddress() + ":" + sender.getPort();
            byte[] bytes = ByteBufUtil.getBytes(packet.content());
            List<DiscoveredDevice> found;
            try {
                found = ProbeMessages.matches(bytes, relatesTo, from);
            } catch (VigilException e) {
                synchronized (this) {
                    unusable++;
                    lastProblem = e.getMessage();
                }
                return;
            }
            synchronized (this) {
                for (DiscoveredDevice d : found) {
                    devices.merge(d.endpoint(), d, DiscoveredDevice::merge);
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            synchronized (this) {
                unusable++;
                lastProblem = cause.toString();
            }
        }

        synchronized DiscoveryResult result() {
            return new DiscoveryResult(new ArrayList<>(devices.values()), unusable, lastProblem);
        }
    }
}
