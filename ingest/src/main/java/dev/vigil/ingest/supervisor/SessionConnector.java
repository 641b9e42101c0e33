package dev.vigil.ingest.supervisor;

import dev.vigil.ingest.IoTransport;
import dev.vigil.ingest.rtsp.InterleavedFrameDecoder;
import dev.vigil.ingest.rtsp.RtspClientSession;
import dev.vigil.ingest.rtsp.RtspUrl;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Opens the RTSP connection of one attempt on the camera's event loop: TCP (with
 * {@code TCP_NODELAY}), TLS for {@code rtsps://}, the interleaved-frame demuxer, then the session.
 */
final class SessionConnector {
    private SessionConnector() {
    }

    /**
     * @param address the address to connect to, already resolved and checked; {@code null} to let
     *     Netty resolve {@code target}'s host
     * @param tls the client TLS context; used only when {@code target} is {@code rtsps://}
     * @return the connect future; its channel is the attempt's connection
     */
    static ChannelFuture connect(EventLoop loop, IoTransport transport, int connectTimeoutMs, RtspUrl target,
            InetAddress address, SslContext tls, RtspClientSession session) {
        Bootstrap bootstrap = bootstrap(loop, transport, connectTimeoutMs, target, tls, session);
        return address == null ? bootstrap.connect(target.host(), target.port())
                : bootstrap.connect(new InetSocketAddress(address, target.port()));
    }

    private static Bootstrap bootstrap(EventLoop loop, IoTransport transport, int connectTimeoutMs, RtspUrl target,
            SslContext tls, RtspClientSession session) {
        return new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (target.secure()) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), target.host(), target.port()));
                        }
                        ch.pipeline().addLast("demux", new InterleavedFrameDecoder());
                        ch.pipeline().addLast("session", session);
                    }
                });
    }
}
