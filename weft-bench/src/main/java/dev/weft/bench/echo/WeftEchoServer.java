package dev.weft.bench.echo;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.io.Io;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.Handle;
import dev.weft.runtime.IoDriver;
import dev.weft.runtime.Runtime;
import dev.weft.runtime.ThreadPerCore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;

/** The Weft echo servers of {@link EchoServer}: coroutine, poll-based and blocking-stream handlers. */
final class WeftEchoServer {
    /** The multi-thread runtime's event interval for experiments; 0 keeps the default. */
    static int eventInterval;
    /** Coroutines as continuations (kinds weft-mt-cont, weft-ct-cont) instead of virtual threads. */
    static boolean continuations;
    /** The I/O driver (kinds weft-mt-nio, weft-ct-nio), or null for the default. */
    static IoDriver ioDriver;
    /** The multi-thread runtime's worker count (kind weft-mt1), or 0 for the default. */
    static int workers;

    private WeftEchoServer() {
    }

    /** The seed's echo server: a coroutine per connection, read then write all, 1 KiB buffer. */
    static void coroutines(boolean currentThread, int port) throws Exception {
        try (Runtime rt = runtime(currentThread)) {
            rt.blockOn(Async.async(() -> {
                TcpListener listener = TcpListener.bind("127.0.0.1:" + port);
                EchoServer.announce(listener.localAddress().getPort());
                for (;;) {
                    TcpStream socket = listener.accept().await();
                    socket.setNoDelay(true);
                    Weft.spawn(() -> echo(socket));
                }
            }));
        }
    }

    /**
     * The seed's server on the thread-per-core flavor: a current-thread runtime per core, each
     * with its own listener on the port (SO_REUSEPORT) and its own connections.
     */
    static void threadPerCore(int port) throws Exception {
        int p = port;
        if (p == 0) { // every core binds the same port: pick a free one first
            try (var probe = new java.net.ServerSocket(0)) {
                p = probe.getLocalPort();
            }
        }
        int chosen = p;
        var b = Runtime.builder().enableAll();
        if (continuations) {
            b.coroutineMode(CoroutineMode.CONTINUATION);
        }
        try (ThreadPerCore cores = b.threadPerCore().build()) {
            java.util.concurrent.CountDownLatch bound = new java.util.concurrent.CountDownLatch(cores.cores());
            var loops = cores.onEachCore(i -> () -> {
                TcpListener listener = TcpListener.bindReusePort("127.0.0.1:" + chosen);
                bound.countDown();
                for (;;) {
                    TcpStream socket = listener.accept().await();
                    socket.setNoDelay(true);
                    Weft.spawn(() -> echo(socket));
                }
            });
            bound.await();
            EchoServer.announce(chosen);
            for (var loop : loops) {
                loop.await();
            }
        }
    }

    private static Void echo(TcpStream socket) {
        try (socket) {
            ByteBuffer buf = ByteBuffer.allocate(1024);
            for (;;) {
                buf.clear();
                if (socket.read(buf).await() == Io.EOF) {
                    return null;
                }
                buf.flip();
                while (buf.hasRemaining()) { // write all (TcpStream has no writeAll yet)
                    socket.write(buf).await();
                }
            }
        } catch (IOException e) {
            return null; // a reset peer ends its connection, not the server
        }
    }

    /** A poll-based task per connection ({@link PollEchoConnection}); the accept loop is a coroutine. */
    static void pollTasks(boolean currentThread, int port) throws Exception {
        try (Runtime rt = runtime(currentThread)) {
            rt.blockOn(Async.async(() -> {
                TcpListener listener = TcpListener.bind("127.0.0.1:" + port);
                EchoServer.announce(listener.localAddress().getPort());
                Handle handle = Handle.current();
                for (;;) {
                    TcpStream socket = listener.accept().await();
                    socket.setNoDelay(true);
                    handle.spawn(new PollEchoConnection(socket));
                }
            }));
        }
    }

    /**
     * The compatibility path: coroutines on the multi-thread runtime that accept and serve with
     * JDK blocking sockets; a blocking call parks the coroutine and the JDK's poller wakes it.
     */
    static void blockingStreams(int port) throws Exception {
        try (Runtime rt = runtime(false)) {
            rt.blockOn(Async.async(() -> {
                try (ServerSocket server = new ServerSocket(port, 1024, InetAddress.getLoopbackAddress())) {
                    EchoServer.announce(server.getLocalPort());
                    for (;;) {
                        Socket socket = server.accept();
                        socket.setTcpNoDelay(true);
                        Weft.spawn(() -> {
                            try {
                                return VirtualThreadEchoServer.echo(socket);
                            } catch (IOException e) {
                                return null; // a reset peer ends its connection, not the server
                            }
                        });
                    }
                }
            }));
        }
    }

    private static Runtime runtime(boolean currentThread) {
        var b = currentThread ? Runtime.builder().currentThread().enableAll()
                : eventInterval > 0 ? Runtime.builder().eventInterval(eventInterval).enableAll()
                : Runtime.builder().enableAll();
        if (workers > 0) {
            b.workerThreads(workers);
        }
        if (continuations) {
            b.coroutineMode(CoroutineMode.CONTINUATION);
        }
        if (ioDriver != null) {
            b.ioDriver(ioDriver);
        }
        Runtime rt = b.build();
        if (rt.handle().coroutineMode() == CoroutineMode.JDK_SCHEDULER) {
            rt.close();
            throw new IllegalStateException("coroutines do not run on Weft's workers: "
                    + "run the JVM with --add-opens java.base/java.lang=ALL-UNNAMED");
        }
        return rt;
    }
}
