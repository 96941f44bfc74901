package dev.weft.bench.echo;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java echo load generator ({@code --loadgen java}; the default only when the peers' C one,
 * {@link CLoadGenerator}, is not built): one thread, one NIO selector, N connections in a
 * closed loop. Each connection sends a message, waits for all of its bytes to come back, records the round trip
 * in a {@link LatencyHistogram}, and sends the next at once. After the warm-up it samples the
 * server's CPU time ({@code /proc/PID/stat}) and its own, measures for the window, samples
 * again, and prints one {@code RESULT} line for {@link EchoBench} (and a {@code WINDOW} line
 * when the window starts).
 *
 * <p>Run by {@link EchoBench} in its own JVM pinned to one core:
 * {@code LoadGenerator PORT CONNS WARMUP_S SECONDS SIZE SERVER_PID}.
 */
public final class LoadGenerator {
    private final Selector selector;
    private final List<Conn> conns = new ArrayList<>();
    private final LatencyHistogram histogram = new LatencyHistogram();
    private long completed;

    private LoadGenerator(Selector selector) {
        this.selector = selector;
    }

    /** One connection: its message, what came back so far, and when the message left. */
    private final class Conn {
        final SocketChannel ch;
        final ByteBuffer out;
        final ByteBuffer in;
        final ByteBuffer expected;
        SelectionKey key;
        long sentAt;

        Conn(SocketChannel ch, int size, int seed) {
            this.ch = ch;
            out = ByteBuffer.allocateDirect(size);
            in = ByteBuffer.allocateDirect(size);
            expected = ByteBuffer.allocateDirect(size);
            for (int i = 0; i < size; i++) {
                byte b = (byte) ('a' + (seed + i) % 26);
                out.put(i, b);
                expected.put(i, b);
            }
        }

        void send() throws IOException {
            out.clear();
            sentAt = System.nanoTime();
            ch.write(out);
            if (out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE); // finish on writable
            }
        }

        void onReady(int ops) throws IOException {
            if ((ops & SelectionKey.OP_WRITE) != 0) {
                ch.write(out);
                if (!out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
            if ((ops & SelectionKey.OP_READ) == 0) {
                return;
            }
            int n = ch.read(in);
            if (n < 0) {
                throw new IOException("the server closed a connection");
            }
            if (in.hasRemaining()) {
                return; // part of the echo: wait for the rest
            }
            long now = System.nanoTime();
            in.flip();
            if (!in.equals(expected)) {
                throw new IOException("the echo differs from the message sent");
            }
            in.clear();
            histogram.record(now - sentAt);
            completed++;
            send();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: LoadGenerator PORT CONNS WARMUP_S SECONDS SIZE SERVER_PID");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        double warmup = Double.parseDouble(args[2]);
        double seconds = Double.parseDouble(args[3]);
        int size = Integer.parseInt(args[4]);
        long serverPid = Long.parseLong(args[5]);
        try (Selector selector = Selector.open()) {
            LoadGenerator gen = new LoadGenerator(selector);
            gen.connect(new InetSocketAddress("127.0.0.1", port), n, size);
            System.out.println(gen.run(warmup, seconds, serverPid));
            gen.close();
        }
    }

    private void connect(InetSocketAddress server, int n, int size) throws IOException {
        for (int i = 0; i < n; i++) {
            SocketChannel ch = SocketChannel.open(server); // blocking connect, then non-blocking
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            Conn c = new Conn(ch, size, i);
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            conns.add(c);
        }
    }

    private String run(double warmupS, double seconds, long serverPid) throws IOException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (Conn c : conns) {
            c.send();
        }
        long start = System.nanoTime();
        loopUntil(start + (long) (warmupS * 1e9));

        histogram.reset();
        completed = 0;
        System.out.println("WINDOW"); // EchoBench may start counting the server's syscalls now
        System.out.flush();
        long[] serverTicks0 = ProcStat.userSystemTicks(serverPid);
        long clientCpu0 = os.getProcessCpuTime();
        long machine0 = ProcStat.machineBusyTicks();
        long t0 = System.nanoTime();
        loopUntil(t0 + (long) (seconds * 1e9));
        long t1 = System.nanoTime();
        long[] serverTicks1 = ProcStat.userSystemTicks(serverPid);
        long clientCpu1 = os.getProcessCpuTime();
        long machine1 = ProcStat.machineBusyTicks();

        return "RESULT requests=" + completed
                + " elapsedNanos=" + (t1 - t0)
                + " serverUserTicks=" + (serverTicks1[0] - serverTicks0[0])
                + " serverSystemTicks=" + (serverTicks1[1] - serverTicks0[1])
                + " clientCpuNanos=" + (clientCpu1 - clientCpu0)
                + " machineBusyTicks=" + (machine1 - machine0)
                + " p50=" + histogram.percentile(0.50)
                + " p99=" + histogram.percentile(0.99)
                + " p999=" + histogram.percentile(0.999)
                + " max=" + histogram.max();
    }

    private void loopUntil(long deadline) throws IOException {
        IOException[] failure = new IOException[1];
        while (System.nanoTime() < deadline) {
            selector.select(key -> {
                if (failure[0] != null) {
                    return;
                }
                try {
                    ((Conn) key.attachment()).onReady(key.readyOps());
                } catch (IOException e) {
                    failure[0] = e;
                }
            }, 10);
            if (failure[0] != null) {
                throw failure[0];
            }
        }
    }

    private void close() {
        for (Conn c : conns) {
            try {
                c.ch.close();
            } catch (IOException ignored) {
                // the process exits next
            }
        }
    }
}
