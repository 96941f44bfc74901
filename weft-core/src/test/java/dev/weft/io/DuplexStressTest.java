package dev.weft.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Async;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.CancelAfter;
import dev.weft.time.Time;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every byte arrives, once and in order: a writer task and a reader task on a 2-worker runtime
 * move random-sized chunks through a duplex with a random small buffer, with {@code read},
 * {@code readExact}, {@code write} and {@code writeAll}, some of them cancelled at a random await
 * point ({@link CancelAfter}). A cancelled read must have taken nothing, a cancelled write must
 * have given nothing, and a cancelled readExact/writeAll must account for its prefix exactly.
 * Seeded (the seed is printed, and in every failure; rerun with {@code -Dweft.stress.seed=...}),
 * bounded in time.
 */
@Tag("stress")
class DuplexStressTest {
    private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    private static final int TOTAL = 128 * 1024;

    /** The byte at {@code index} of the stream of round {@code salt}. */
    static byte expected(long salt, long index) {
        long z = (index + salt) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
        return (byte) (z >>> 56);
    }

    @Test
    void everyByteArrivesOnceAndInOrderUnderRandomChunksAndCancellations() throws Exception {
        long seed = Long.getLong("weft.stress.seed", System.nanoTime());
        var root = new SplittableRandom(seed);
        long end = System.nanoTime() + RUN_NANOS;
        int rounds = 0;
        try (Runtime rt = Runtime.builder().multiThread().workerThreads(2).enableTime().build()) {
            do {
                int bufSize = root.nextInt(4) == 0 ? 1 : 1 + root.nextInt(64);
                int maxChunk = 1 + root.nextInt(2 * bufSize + 8);
                long salt = root.nextLong();
                String where = "seed=" + seed + " round=" + rounds + " bufSize=" + bufSize + " maxChunk=" + maxChunk;
                var p = Io.duplex(bufSize);
                var w = root.split();
                var r = root.split();
                JoinHandle<Long> writer = rt.spawn(Async.async(() -> write(p.a(), w, salt, maxChunk)));
                JoinHandle<Long> reader = rt.spawn(Async.async(() -> read(p.b(), r, salt, maxChunk, where)));
                try {
                    assertEquals(TOTAL, (long) rt.blockOn(bounded(reader)), where);
                    assertEquals(TOTAL, (long) rt.blockOn(bounded(writer)), where);
                } catch (Throwable t) {
                    System.out.println("DuplexStressTest failed: " + where);
                    throw t;
                }
                rounds++;
            } while (System.nanoTime() < end);
        }
        System.out.println("DuplexStressTest seed=" + seed + ": " + rounds + " rounds of " + TOTAL + " bytes");
    }

    /** A lost wake-up fails the test instead of hanging it. */
    private static <T> Future<T> bounded(JoinHandle<T> h) {
        return Futures.lazy(() -> Time.timeout(Duration.ofSeconds(60), h));
    }

    private static long write(DuplexStream out, SplittableRandom rnd, long salt, int maxChunk) throws Exception {
        long pos = 0;
        while (pos < TOTAL) {
            int size = (int) Math.min(TOTAL - pos, 1 + rnd.nextInt(maxChunk));
            var buf = ByteBuffer.allocate(size);
            for (int i = 0; i < size; i++) {
                buf.put(i, expected(salt, pos + i));
            }
            switch (rnd.nextInt(4)) {
                case 0 -> pos += out.write(buf).await();
                case 1 -> {
                    out.writeAll(buf).await();
                    pos += size;
                }
                case 2 -> {
                    Optional<Integer> n = new CancelAfter<>(out.write(buf), 1 + rnd.nextInt(2)).await();
                    if (n.isEmpty() && buf.position() != 0) {
                        throw new AssertionError("a cancelled write took " + buf.position() + " bytes");
                    }
                    pos += buf.position();
                }
                default -> {
                    new CancelAfter<>(out.writeAll(buf), 1 + rnd.nextInt(3)).await();
                    pos += buf.position(); // exactly the prefix that was written
                }
            }
        }
        out.shutdown().await();
        return pos;
    }

    private static long read(DuplexStream in, SplittableRandom rnd, long salt, int maxChunk, String where)
            throws Exception {
        long pos = 0;
        for (;;) {
            int size = 1 + rnd.nextInt(maxChunk);
            var buf = ByteBuffer.allocate(size);
            int mode = rnd.nextInt(4);
            if (mode >= 2 && pos + size > TOTAL) {
                mode = 0; // readExact past the end would fail with EOFException
            }
            int n = switch (mode) {
                case 0 -> in.read(buf).await();
                case 1 -> {
                    Optional<Integer> got = new CancelAfter<>(in.read(buf), 1 + rnd.nextInt(3)).await();
                    if (got.isEmpty() && buf.position() != 0) {
                        throw new AssertionError("a cancelled read took " + buf.position() + " bytes (" + where + ")");
                    }
                    yield got.orElse(0);
                }
                case 2 -> {
                    in.readExact(buf).await();
                    yield size;
                }
                default -> {
                    new CancelAfter<>(in.readExact(buf), 1 + rnd.nextInt(3)).await();
                    yield buf.position(); // what arrived before the cancel is in the buffer
                }
            };
            if (n == Io.EOF) {
                return pos;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) != expected(salt, pos)) {
                    throw new AssertionError("byte " + pos + " is wrong (" + where + ")");
                }
                pos++;
            }
        }
    }
}
