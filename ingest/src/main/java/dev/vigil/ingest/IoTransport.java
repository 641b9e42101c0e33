package dev.vigil.ingest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * The Netty transport of this process: native epoll where it loads, else NIO (Netty 4.2 style:
 * {@link MultiThreadIoEventLoopGroup} with an I/O handler factory).
 *
 * @param name {@code epoll} or {@code nio}
 * @param ioHandler the handler factory for event loop groups
 * @param socketChannel the client channel class
 * @param serverSocketChannel the server channel class
 * @param datagramChannel the UDP channel class
 */
public record IoTransport(String name, IoHandlerFactory ioHandler, Class<? extends SocketChannel> socketChannel,
        Class<? extends ServerSocketChannel> serverSocketChannel, Class<? extends DatagramChannel> datagramChannel) {

    /** Epoll when available, NIO otherwise. */
    public static IoTransport best() {
        if (Epoll.isAvailable()) {
            return new IoTransport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class,
                    EpollServerSocketChannel.class, EpollDatagramChannel.class);
        }
        return nio();
    }

    /** Plain NIO. */
    public static IoTransport nio() {
        return new IoTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class, NioServerSocketChannel.class,
                NioDatagramChannel.class);
    }

    /** A new event loop group of {@code threads} threads; the caller shuts it down. */
    public EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandler);
    }
}
