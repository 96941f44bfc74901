package dev.weft.bench.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.net.InetSocketAddress;

/**
 * Netty's echo server (its {@code example/echo}): one acceptor thread, one event-loop thread in
 * the worker group, a handler that writes back each received {@code ByteBuf} and flushes when
 * the read burst ends, the default pooled direct allocator, TCP_NODELAY on accepted channels.
 * Netty 4.2, on its NIO, native epoll or native io_uring transport.
 */
final class NettyEchoServer {
    private NettyEchoServer() {
    }

    /** Netty's transports. */
    enum Transport { NIO, EPOLL, IO_URING }

    static void serve(Transport transport, int port) throws InterruptedException {
        if (transport == Transport.EPOLL && !Epoll.isAvailable()) {
            throw new IllegalStateException("Netty's native epoll transport is unavailable", Epoll.unavailabilityCause());
        }
        if (transport == Transport.IO_URING && !IoUring.isAvailable()) {
            throw new IllegalStateException("Netty's native io_uring transport is unavailable", IoUring.unavailabilityCause());
        }
        IoHandlerFactory handlers = switch (transport) {
            case NIO -> NioIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
        };
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, handlers);
        EventLoopGroup worker = new MultiThreadIoEventLoopGroup(1, handlers);
        Class<? extends ServerChannel> channel = switch (transport) {
            case NIO -> NioServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case IO_URING -> IoUringServerSocketChannel.class;
        };
        try {
            Channel server = new ServerBootstrap()
                    .group(boss, worker)
                    .channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new Echo())
                    .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
            EchoServer.announce(((InetSocketAddress) server.localAddress()).getPort());
            server.closeFuture().sync();
        } finally {
            boss.shutdownGracefully();
            worker.shutdownGracefully();
        }
    }

    @Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset peer ends its connection, not the server
        }
    }
}
