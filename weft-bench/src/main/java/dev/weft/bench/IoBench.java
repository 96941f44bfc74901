package dev.weft.bench;

import dev.weft.Async;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Waker;
import dev.weft.io.Io;
import dev.weft.io.reactor.Reactor;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.IoDriver;
import dev.weft.runtime.Runtime;
import dev.weft.runtime.internal.Drivers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Steady-state cost of Weft's socket I/O path: one operation writes {@value #SIZE} bytes into
 * one end of a connected loopback TCP pair and reads them back from the other end. The point is
 * {@code -prof gc}: {@code gc.alloc.rate.norm} in bytes per operation, whose target for the
 * poll-based path is 0.
 *
 * <ul>
 * <li>{@link #pollDirect} / {@link #pollHeap} — {@code pollWrite} then {@code pollRead} called
 *     directly by the JMH thread with one reusable {@link Context}, with direct and heap
 *     buffers. The pair lives on a current-thread runtime that is otherwise idle; if an
 *     operation answers {@code Io.PENDING}, the JMH thread turns the runtime's reactor itself
 *     until the context is woken (counted, and printed at tear-down).</li>
 * <li>{@link #coroutineAwait} — the coroutine path: {@code write(buf).await()} and
 *     {@code read(buf).await()} in a coroutine on the same runtime, {@value #COROUTINE_OPS}
 *     round trips per {@code blockOn}, so starting the coroutine adds about
 *     1/{@value #COROUTINE_OPS} of its cost to each operation.</li>
 * <li>{@link #rawNio} — the floor: the same write and read on a plain non-blocking
 *     {@code SocketChannel} pair, no Weft.</li>
 * </ul>
 * The Weft pair runs on each I/O driver ({@code driver}: {@code NIO}, {@code EPOLL}).
 *
 * {@snippet lang=shell :
 * ./weft bench IoBench -prof gc -f 1 -wi 3 -w 2s -i 5 -r 2s
 * }
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {CoroutineBench.OPENS, CoroutineBench.EXPORTS,
        "--enable-native-access=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"})
public class IoBench {
    /** The I/O driver of the Weft pair ({@link IoDriver}). */
    @Param({"NIO", "EPOLL"})
    public String driver;

    /** The coroutine engine of {@link #coroutineAwait} (the poll benchmarks ignore it). */
    @Param({"WEFT_SCHEDULER", "CONTINUATION"})
    public String mode;

    static final int SIZE = 64;
    static final int COROUTINE_OPS = 10_000;

    private Runtime rt;
    private Reactor reactor;
    private TcpStream a;
    private TcpStream b;
    private SocketChannel rawA;
    private SocketChannel rawB;
    private final ByteBuffer outDirect = filled(ByteBuffer.allocateDirect(SIZE));
    private final ByteBuffer inDirect = ByteBuffer.allocateDirect(SIZE);
    private final ByteBuffer outHeap = filled(ByteBuffer.allocate(SIZE));
    private final ByteBuffer inHeap = ByteBuffer.allocate(SIZE);
    private final Flag cx = new Flag();
    private long pendings;

    /** A reusable context whose waker sets a flag: what a hand-written driver loop would use. */
    private static final class Flag implements Context, Waker {
        boolean woken;

        @Override
        public Waker waker() {
            return this;
        }

        @Override
        public void wake() {
            woken = true;
        }
    }

    /** Connects the Weft pair on a current-thread runtime, and the raw pair. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        rt = Runtime.builder().currentThread().enableAll().coroutineMode(CoroutineMode.valueOf(mode))
                .ioDriver(IoDriver.valueOf(driver)).build();
        rt.blockOn(Async.async(() -> {
            try (TcpListener listener = TcpListener.bind("127.0.0.1:0")) {
                a = TcpStream.connect(listener.localAddress()).await();
                b = listener.accept().await();
            }
            a.setNoDelay(true);
            b.setNoDelay(true);
            reactor = Drivers.io();
            return null;
        }));
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            rawA = SocketChannel.open(server.getLocalAddress());
            rawB = server.accept();
        }
        for (SocketChannel ch : new SocketChannel[] {rawA, rawB}) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
        }
    }

    /** Closes everything; says how often the poll path had to wait for the reactor. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        System.out.println("\n[IoBench] operations that answered Io.PENDING (reactor turned): " + pendings);
        a.close();
        b.close();
        rawA.close();
        rawB.close();
        rt.close();
    }

    @Benchmark
    public int pollDirect() throws IOException {
        return pollRoundTrip(outDirect, inDirect);
    }

    @Benchmark
    public int pollHeap() throws IOException {
        return pollRoundTrip(outHeap, inHeap);
    }

    @Benchmark
    @OperationsPerInvocation(COROUTINE_OPS)
    public int coroutineAwait() throws Exception {
        return rt.blockOn(coroutineRoundTrips());
    }

    @Benchmark
    public int rawNio() throws IOException {
        ByteBuffer out = outDirect;
        ByteBuffer in = inDirect;
        out.clear();
        while (out.hasRemaining()) {
            rawA.write(out);
        }
        in.clear();
        while (in.hasRemaining()) {
            if (rawB.read(in) < 0) {
                throw new IOException("unexpected end of stream");
            }
        }
        return in.get(0);
    }

    private int pollRoundTrip(ByteBuffer out, ByteBuffer in) throws IOException {
        out.clear();
        while (out.hasRemaining()) {
            if (a.pollWrite(cx, out) == Io.PENDING) {
                awaitWake();
            }
        }
        in.clear();
        while (in.hasRemaining()) {
            int n = b.pollRead(cx, in);
            if (n == Io.PENDING) {
                awaitWake();
            } else if (n == Io.EOF) {
                throw new IOException("unexpected end of stream");
            }
        }
        return in.get(0);
    }

    /** The context's waker is registered: turn the (otherwise idle) runtime's reactor until it fires. */
    private void awaitWake() {
        pendings++;
        while (!cx.woken) {
            reactor.turn(TimeUnit.MILLISECONDS.toNanos(10));
        }
        cx.woken = false;
    }

    private Future<Integer> coroutineRoundTrips() {
        return Async.async(() -> {
            ByteBuffer out = outHeap;
            ByteBuffer in = inHeap;
            int sum = 0;
            for (int i = 0; i < COROUTINE_OPS; i++) {
                out.clear();
                while (out.hasRemaining()) {
                    a.write(out).await();
                }
                in.clear();
                while (in.hasRemaining()) {
                    if (b.read(in).await() == Io.EOF) {
                        throw new IOException("unexpected end of stream");
                    }
                }
                sum += in.get(0);
            }
            return sum;
        });
    }

    private static ByteBuffer filled(ByteBuffer buf) {
        for (int i = 0; i < buf.capacity(); i++) {
            buf.put(i, (byte) ('a' + i % 26));
        }
        return buf;
    }
}
