package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Async;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.CancelAfter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conservation under real threads: producers on a 2-worker runtime send, reserve and try-send
 * into a small bounded channel, a consumer receives, and both cancel their waits at random
 * points ({@link CancelAfter}). Every message whose send completed must be received exactly
 * once, and every slot must come back. Each runs on the channel's three layouts: the array ring,
 * linked segments (as a bounded channel of more than 4096 slots keeps them), and unbounded; the
 * linked ones with segments of two slots and indexes starting just below their wrap. Seeded
 * (the seed is in every failure message; rerun with {@code -Dweft.stress.seed=...}), bounded in
 * time.
 */
@Tag("stress")
class MpscStressTest {
    private static final int PRODUCERS = 3;
    private static final int CAPACITY = 2;
    private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    private static final long NEAR_WRAP = MpscSlots.INDEX_MASK - 5;

    private static <T> Mpsc.Channel<T> channel(String layout) {
        Supplier<MpscChannel<T>> make = switch (layout) {
            case "ring" -> () -> new MpscChannel<>(CAPACITY);
            case "linked" -> () -> new MpscChannel<>(CAPACITY, new MpscSlots.Linked(2, NEAR_WRAP), NEAR_WRAP);
            default -> () -> new MpscChannel<>(Integer.MAX_VALUE, new MpscSlots.Linked(2, NEAR_WRAP), NEAR_WRAP);
        };
        return Mpsc.of(make.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ring", "linked", "unbounded"})
    void sentEqualsReceivedPlusLeftUnderRandomCancellation(String layout) throws Exception {
        long seed = Long.getLong("weft.stress.seed", System.nanoTime());
        String where = layout + ", seed=" + seed;
        var root = new SplittableRandom(seed);
        Mpsc.Channel<Long> ch = channel(layout);
        var sentCount = new AtomicLong();
        var sentSum = new AtomicLong();
        var cancelled = new AtomicLong();
        long end = System.nanoTime() + RUN_NANOS;
        try (Runtime rt = Runtime.builder().multiThread().workerThreads(2).build()) {
            List<JoinHandle<Void>> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                var rnd = root.split();
                var tx = ch.sender().copy();
                long base = (p + 1) * 1_000_000_000L;
                producers.add(rt.spawn(Async.async(() -> {
                    long n = 0;
                    while (System.nanoTime() < end) {
                        long v = base + n++;
                        boolean sent = switch (rnd.nextInt(3)) {
                            case 0 -> new CancelAfter<>(tx.send(v), 1 + rnd.nextInt(3)).await().isPresent();
                            case 1 -> {
                                Optional<Mpsc.Permit<Long>> permit = new CancelAfter<>(tx.reserve(), 1 + rnd.nextInt(3)).await();
                                if (permit.isEmpty()) {
                                    yield false;
                                }
                                if (rnd.nextInt(4) == 0) {
                                    permit.get().close();
                                    yield false;
                                }
                                yield permit.get().send(v);
                            }
                            default -> tx.trySend(v) == TrySend.SENT;
                        };
                        if (sent) {
                            sentCount.incrementAndGet();
                            sentSum.addAndGet(v);
                        } else {
                            cancelled.incrementAndGet();
                        }
                    }
                    tx.close();
                    return null;
                })));
            }
            ch.sender().close();
            var rnd = root.split();
            JoinHandle<long[]> consumer = rt.spawn(Async.async(() -> {
                long count = 0;
                long sum = 0;
                for (;;) {
                    Optional<Optional<Long>> got = new CancelAfter<>(ch.receiver().recv(), 1 + rnd.nextInt(4)).await();
                    if (got.isEmpty()) {
                        continue; // cancelled: nothing may be lost
                    }
                    if (got.get().isEmpty()) {
                        return new long[] {count, sum};
                    }
                    count++;
                    sum += got.get().get();
                }
            }));
            for (JoinHandle<Void> h : producers) {
                rt.blockOn(h);
            }
            long[] received = rt.blockOn(consumer);
            assertEquals(sentCount.get(), received[0], "messages sent = received (" + where + ")");
            assertEquals(sentSum.get(), received[1], "same messages (" + where + ")");
            assertEquals(0, ch.receiver().len(), where);
            assertEquals(TryRecv.closed(), ch.receiver().tryRecv(), where);
            System.out.println("MpscStressTest " + where + ": sent " + sentCount.get() + ", not sent " + cancelled.get());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ring", "linked"})
    void cancelledWaitsReturnEverySlot(String layout) throws Exception {
        long seed = Long.getLong("weft.stress.seed", System.nanoTime());
        var rnd = new SplittableRandom(seed);
        Mpsc.Channel<Integer> ch = channel(layout);
        try (Runtime rt = Runtime.builder().multiThread().workerThreads(2).build()) {
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                var r = rnd.split();
                var tx = ch.sender().copy();
                hs.add(rt.spawn(Async.async(() -> {
                    int sent = 0;
                    for (int i = 0; i < 2_000; i++) {
                        if (new CancelAfter<>(tx.send(i), 1 + r.nextInt(2)).await().isPresent()) {
                            sent++;
                        }
                    }
                    return sent;
                })));
            }
            var r = rnd.split();
            int received = 0;
            int sent = 0;
            while (!hs.stream().allMatch(JoinHandle::isFinished)) {
                if (r.nextBoolean() && ch.receiver().tryRecv() instanceof TryRecv.Received<Integer>) {
                    received++;
                }
                Thread.onSpinWait();
            }
            for (JoinHandle<Integer> h : hs) {
                sent += rt.blockOn(h);
            }
            while (ch.receiver().tryRecv() instanceof TryRecv.Received<Integer>) {
                received++;
            }
            assertEquals(sent, received, layout + ", seed=" + seed);
            for (int i = 0; i < CAPACITY; i++) {
                assertEquals(TrySend.SENT, ch.sender().trySend(i), "slot " + i + " was not returned, " + layout + ", seed=" + seed);
            }
            assertEquals(TrySend.FULL, ch.sender().trySend(9));
        }
    }
}
