package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.net.TcpStream;
import dev.weft.runtime.JoinHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A load generator for the echo server: N connections, each sending 64 bytes and waiting for
 * them to come back, over and over, for a few seconds. Prints round trips per second and the
 * p50/p99 latency. {@code ./weft example echo-client host:port N [seconds]}.
 */
public final class EchoClient {
    private EchoClient() {
    }

    /** Round trips of one connection until {@code endNanos}; returns each one's latency in ns. */
    static long[] roundTrips(String target, long endNanos) throws Exception {
        long[] lat = new long[1024];
        int count = 0;
        try (TcpStream s = TcpStream.connect(target).await()) {
            s.setNoDelay(true);
            ByteBuffer out = ByteBuffer.allocate(64);
            ByteBuffer in = ByteBuffer.allocate(64);
            while (System.nanoTime() < endNanos) {
                long t0 = System.nanoTime();
                out.clear();
                s.writeAll(out).await();
                in.clear();
                s.readExact(in).await(); // EOFException if the server closes
                if (count == lat.length) {
                    lat = Arrays.copyOf(lat, count * 2);
                }
                lat[count++] = System.nanoTime() - t0;
            }
        }
        return Arrays.copyOf(lat, count);
    }

    /** The result line: round trips per second, p50 and p99 in microseconds. */
    static String run(String target, int connections, double seconds) throws Exception {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<JoinHandle<long[]>> tasks = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            tasks.add(Weft.spawn(() -> roundTrips(target, end)));
        }
        List<long[]> all = new ArrayList<>();
        int total = 0;
        for (var t : tasks) {
            long[] l = t.await();
            all.add(l);
            total += l.length;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] merged = new long[total];
        int at = 0;
        for (long[] l : all) {
            System.arraycopy(l, 0, merged, at, l.length);
            at += l.length;
        }
        Arrays.sort(merged);
        return String.format("%d connections: %,d round trips in %.1fs = %,.0f round trips/s, p50 %.0f µs, p99 %.0f µs",
                connections, total, elapsed, total / elapsed, pct(merged, 0.50) / 1e3, pct(merged, 0.99) / 1e3);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: echo-client host:port connections [seconds]");
            System.exit(2);
        }
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        Weft.run(() -> {
            System.out.println(run(args[0], Integer.parseInt(args[1]), seconds));
            return null;
        });
    }
}
