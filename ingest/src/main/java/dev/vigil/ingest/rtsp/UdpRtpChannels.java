package dev.vigil.ingest.rtsp;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.IoTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The UDP side of an RTSP session (RFC 2326 section 12.39, {@code client_port=n-(n+1)}): an even
 * port for RTP and the next odd one for RTCP, bound on the session's event loop and local address.
 * Only datagrams from the camera's address are passed on; others are counted and dropped.
 *
 * <p>Ownership: the consumers borrow each datagram's content for the duration of the call; the
 * channel releases it afterwards. Not thread-safe beyond that: everything runs on {@code loop}.
 */
final class UdpRtpChannels implements AutoCloseable {
    /** Port pairs tried before giving up. */
    static final int BIND_ATTEMPTS = 16;
    static final int LOWEST_PORT = 20_000;
    static final int HIGHEST_PORT = 60_000;
    static final int RECEIVE_BUFFER_BYTES = 4 << 20;

    private final Channel rtp;
    private final Channel rtcp;
    private long foreignDatagrams;

    private UdpRtpChannels(Channel rtp, Channel rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    /**
     * Binds an even/odd port pair on {@code local}; the promise completes on {@code loop}.
     *
     * @param camera the camera's address: datagrams from elsewhere are dropped
     * @param onRtp gets each RTP datagram's content (borrowed)
     * @param onRtcp gets each RTCP datagram's content (borrowed)
     */
    static Promise<UdpRtpChannels> bind(EventLoop loop, IoTransport transport, InetAddress local, InetAddress camera,
            Consumer<ByteBuf> onRtp, Consumer<ByteBuf> onRtcp) {
        Promise<UdpRtpChannels> promise = loop.newPromise();
        Holder holder = new Holder();
        tryBind(loop, transport, local, camera, onRtp, onRtcp, holder, promise, 1);
        return promise;
    }

    /** Lets the handlers count foreign datagrams on the object that owns them once it exists. */
    private static final class Holder {
        UdpRtpChannels channels;
    }

    private static void tryBind(EventLoop loop, IoTransport transport, InetAddress local, InetAddress camera,
            Consumer<ByteBuf> onRtp, Consumer<ByteBuf> onRtcp, Holder holder, Promise<UdpRtpChannels> promise,
            int attempt) {
        int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT / 2, HIGHEST_PORT / 2) * 2;
        ChannelFuture rtpBind = bootstrap(loop, transport, camera, onRtp, holder).bind(new InetSocketAddress(local, port));
        rtpBind.addListener((ChannelFuture f1) -> {
            if (!f1.isSuccess()) {
                retry(loop, transport, local, camera, onRtp, onRtcp, holder, promise, attempt, f1.cause());
                return;
            }
            bootstrap(loop, transport, camera, onRtcp, holder).bind(new InetSocketAddress(local, port + 1))
                    .addListener((ChannelFuture f2) -> {
                        if (!f2.isSuccess()) {
                            f1.channel().close();
                            retry(loop, transport, local, camera, onRtp, onRtcp, holder, promise, attempt, f2.cause());
                            return;
                        }
                        UdpRtpChannels channels = new UdpRtpChannels(f1.channel(), f2.channel());
                        holder.channels = channels;
                        if (!promise.trySuccess(channels)) {
                            channels.close(); // the session ended while binding
                        }
                    });
        });
    }

    private static void retry(EventLoop loop, IoTransport transport, InetAddress local, InetAddress camera,
            Consumer<ByteBuf> onRtp, Consumer<ByteBuf> onRtcp, Holder holder, Promise<UdpRtpChannels> promise,
            int attempt, Throwable cause) {
        if (attempt >= BIND_ATTEMPTS) {
            promise.tryFailure(new VigilException(ErrorKind.RESOURCE_EXHAUSTED, "no free UDP port pair on " + local
                    + " after " + attempt + " attempts: " + cause, cause));
        } else {
            tryBind(loop, transport, local, camera, onRtp, onRtcp, holder, promise, attempt + 1);
        }
    }

    private static Bootstrap bootstrap(EventLoop loop, IoTransport transport, InetAddress camera,
            Consumer<ByteBuf> consumer, Holder holder) {
        return new Bootstrap().group(loop).channel(transport.datagramChannel())
                // Room for a key frame's burst (the kernel caps it at net.core.rmem_max).
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        if (!packet.sender().getAddress().equals(camera)) {
                            if (holder.channels != null) {
                                holder.channels.foreignDatagrams++;
                            }
                            return;
                        }
                        consumer.accept(packet.content());
                    }
                });
    }

    int rtpPort() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    /** Sends {@code packet} (ownership passes to the channel) to the camera's RTCP port. */
    void sendRtcp(ByteBuf packet, InetSocketAddress cameraRtcp) {
        rtcp.writeAndFlush(new DatagramPacket(packet, cameraRtcp));
    }

    long foreignDatagrams() {
        return foreignDatagrams;
    }

    @Override
    public void close() {
        rtp.close();
        rtcp.close();
    }
}
