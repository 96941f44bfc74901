package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.future.Select;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.Seeded;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancellation of every channel receive and every lock acquire, at each await point, under
 * {@value #SEEDS} seeds of the deterministic runtime each: the seed orders the ready tasks and
 * simultaneous timers, so each seed is a different interleaving of waits, hand-overs and
 * cancellations (a message or permit handed to a waiter in the same turn that cancels it is the
 * case these look for). Every wait is plain, or raced against a yield in a fair {@code Select}
 * (whose first branch the seed picks), or given a 0 or 1 ms timeout; which, is drawn per wait
 * from the seed too.
 *
 * <p>Each scenario asserts: nothing lost (every message received, every permit back, the lock
 * free), nothing counted twice, exclusion held, every task completed; {@link Seeded} checks
 * that no task or coroutine is left alive and prints the seed of a failing run. In
 * {@code JDK_SCHEDULER} mode coroutines run on the JDK's threads, so the interleavings are not
 * replayable there, but the invariants must hold all the same.
 */
@Timeout(60) // a lost wake-up hangs a scenario: fail with the seed instead of hanging the build
class SeededCancellationTest {
    /** Seeds per scenario; {@code WEFT_SEEDS=20000} in the environment explores more. */
    static final int SEEDS = System.getenv("WEFT_SEEDS") != null ? Integer.parseInt(System.getenv("WEFT_SEEDS")) : 1_000;
    static final Object CANCELLED = new Object();
    private static final Object DONE = new Object();

    @Test
    void mpscRecvCancelledLosesNoMessage() {
        mpsc(SEEDS, 0x11_0000L, false);
    }

    /**
     * The same with cancelled sends too: a send cancelled while queued must pass a free slot on
     * to the senders behind it and wake them. Found by this scenario in {@code JDK_SCHEDULER}
     * mode (coroutines in parallel): a cancel racing the receiver's freeing of a slot granted the
     * next waiter that slot but dropped its waker, so it slept forever with the slot reserved and
     * the receiver waited on an empty channel (once in 100 to 3,000 seeds). The race needs two
     * threads, so only the JDK-mode run can catch a regression, and only by chance.
     */
    @Test
    void mpscSendCancelledLosesNoMessage() {
        mpsc(3 * SEEDS, 0x18_0000L, true); // 3x: the lost wake-up above took up to 3,000 runs to show
    }

    private static void mpsc(int seeds, long firstSeed, boolean cancelSends) {
        int senders = 3;
        int perSender = 8;
        Seeded.run(seeds, firstSeed, (rt, seed) -> {
            SplittableRandom root = new SplittableRandom(seed);
            Mpsc.Channel<Integer> ch = Mpsc.bounded(2);
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                Mpsc.Sender<Integer> tx = ch.sender().copy();
                SplittableRandom r = root.split();
                int base = s * 1000;
                hs.add(rt.spawn(() -> {
                    for (int i = 0; i < perSender; i++) {
                        if (cancelSends) {
                            while (await(tx.send(base + i), r) == CANCELLED) {
                                // a cancelled send is not enqueued: send the same message again
                            }
                        } else {
                            tx.send(base + i).await();
                        }
                    }
                    tx.close();
                    return null;
                }));
            }
            ch.sender().close();
            SplittableRandom r = root.split();
            List<Integer> got = rt.blockOn(Async.async(() -> {
                List<Integer> out = new ArrayList<>();
                for (;;) {
                    Object o = await(ch.receiver().recv(), r);
                    if (o == CANCELLED) {
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    Optional<Integer> m = (Optional<Integer>) o;
                    if (m.isEmpty()) {
                        return out;
                    }
                    out.add(m.get());
                }
            }));
            joinAll(rt, hs);
            assertEquals(senders * perSender, got.size(), "every message once: " + got);
            int[] last = {-1, -1, -1};
            for (int m : got) {
                assertTrue(m % 1000 == last[m / 1000] + 1, "per-sender order kept, nothing twice: " + got);
                last[m / 1000] = m % 1000;
            }
        });
    }

    @Test
    void oneshotRecvCancelledKeepsTheValue() {
        Seeded.run(SEEDS, 0x22_0000L, (rt, seed) -> {
            SplittableRandom root = new SplittableRandom(seed);
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Oneshot.Channel<Integer> ch = Oneshot.channel();
                SplittableRandom r = root.split();
                int value = i;
                hs.add(rt.spawn(() -> { // receiver: retries after each cancelled wait
                    Object o;
                    while ((o = await(ch.receiver(), r)) == CANCELLED) {
                        // the value, if sent meanwhile, stays in the channel
                    }
                    return (Integer) o;
                }));
                SplittableRandom rs = root.split();
                hs.add(rt.spawn(() -> {
                    for (int k = rs.nextInt(3); k > 0; k--) {
                        Weft.yieldNow().await();
                    }
                    assertTrue(ch.sender().send(value), "the receiver is still there");
                    return -1;
                }));
            }
            List<Integer> out = joinAll(rt, hs);
            for (int i = 0; i < 4; i++) {
                assertEquals(i, out.get(2 * i), "receiver " + i + " got its value");
            }
        });
    }

    @Test
    void broadcastRecvCancelledMissesNothing() {
        int messages = 10;
        Seeded.run(SEEDS, 0x33_0000L, (rt, seed) -> {
            SplittableRandom root = new SplittableRandom(seed);
            Broadcast.Channel<Integer> ch = Broadcast.channel(messages); // no lag: every receiver sees all
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                Broadcast.Receiver<Integer> rx = k == 0 ? ch.receiver() : ch.sender().subscribe();
                SplittableRandom r = root.split();
                hs.add(rt.spawn(() -> {
                    int expect = 0;
                    for (;;) {
                        Object o = await(rx.recv(), r);
                        if (o == CANCELLED) {
                            continue;
                        }
                        @SuppressWarnings("unchecked")
                        Optional<Integer> m = (Optional<Integer>) o;
                        if (m.isEmpty()) {
                            return expect;
                        }
                        assertEquals(expect, m.get(), "in order, none missed, none twice");
                        expect++;
                    }
                }));
            }
            SplittableRandom r = root.split();
            hs.add(rt.spawn(() -> {
                for (int i = 0; i < messages; i++) {
                    ch.sender().send(i);
                    if (r.nextBoolean()) {
                        Weft.yieldNow().await();
                    }
                }
                ch.sender().close();
                return -1;
            }));
            List<Integer> out = joinAll(rt, hs);
            assertEquals(List.of(messages, messages, messages, -1), out, "every receiver saw every message");
        });
    }

    @Test
    void watchChangedCancelledStillSeesTheLastValue() {
        int last = 10;
        Seeded.run(SEEDS, 0x44_0000L, (rt, seed) -> {
            SplittableRandom root = new SplittableRandom(seed);
            Watch.Channel<Integer> ch = Watch.channel(0);
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                Watch.Receiver<Integer> rx = k == 0 ? ch.receiver() : ch.sender().subscribe();
                SplittableRandom r = root.split();
                hs.add(rt.spawn(() -> {
                    int seen = rx.borrowAndUpdate();
                    while (seen != last) {
                        if (await(rx.changed(), r) == CANCELLED) {
                            continue; // marks nothing seen: the next changed() still completes
                        }
                        int v = rx.borrowAndUpdate();
                        assertTrue(v > seen, "values only move forward: " + seen + " then " + v);
                        seen = v;
                    }
                    return seen;
                }));
            }
            SplittableRandom r = root.split();
            hs.add(rt.spawn(() -> {
                for (int i = 1; i <= last; i++) {
                    ch.sender().send(i);
                    if (r.nextBoolean()) {
                        Weft.yieldNow().await();
                    }
                }
                return -1;
            }));
            assertEquals(List.of(last, last, -1), joinAll(rt, hs), "the last value reached every receiver");
        });
    }

    @Test
    void mutexLockCancelledPassesTheLockOn() {
        Seeded.run(SEEDS, 0x55_0000L, (rt, seed) -> {
            SplittableRandom root = new SplittableRandom(seed);
            Mutex<int[]> mutex = new Mutex<>(new int[1]);
            AtomicInteger holders = new AtomicInteger();
            AtomicInteger locked = new AtomicInteger();
            List<JoinHandle<Void>> hs = spawnEach(rt, 4, root, r -> {
                for (int i = 0; i < 5; i++) {
                    Object o = await(mutex.lock(), r);
                    if (o == CANCELLED) {
                        continue;
                    }
                    try (Mutex.Guard<int[]> g = guard(o)) {
                        assertEquals(1, holders.incrementAndGet(), "one holder at a time");
                        int v = g.get()[0];
                        hold(r);
                        g.get()[0] = v + 1;
                        locked.incrementAndGet();
                        holders.decrementAndGet();
                    }
                }
                return null;
            });
            joinAll(rt, hs);
            int[] v = mutex.tryLock().orElseThrow(() -> new AssertionError("the lock is free at the end")).get();
            assertEquals(locked.get(), v[0], "every lock counted once");
        });
    }

    @Test
    void semaphoreAcquireCancelledGivesEveryPermitBack() {
        int permits = 3;
        Seeded.run(SEEDS, 0x66_0000L, (rt, seed) -> {
            SplittableRandom root = new SplittableRandom(seed);
            Semaphore sem = new Semaphore(permits);
            AtomicInteger inUse = new AtomicInteger();
            List<JoinHandle<Void>> hs = spawnEach(rt, 4, root, r -> {
                for (int i = 0; i < 5; i++) {
                    int n = 1 + r.nextInt(2);
                    Object o = await(sem.acquire(n), r);
                    if (o == CANCELLED) {
                        continue;
                    }
                    try (Semaphore.Permit p = (Semaphore.Permit) o) {
                        assertEquals(n, p.count());
                        assertTrue(inUse.addAndGet(n) <= permits, "never more permits out than exist");
                        hold(r);
                        inUse.addAndGet(-n);
                    }
                }
                return null;
            });
            joinAll(rt, hs);
            assertEquals(permits, sem.availablePermits(), "every permit back");
        });
    }

    @Test
    void rwLockAcquireCancelledKeepsExclusion() {
        Seeded.run(SEEDS, 0x77_0000L, (rt, seed) -> {
            SplittableRandom root = new SplittableRandom(seed);
            RwLock<int[]> lock = new RwLock<>(new int[1], 3);
            AtomicInteger readers = new AtomicInteger();
            AtomicInteger writers = new AtomicInteger();
            AtomicInteger writes = new AtomicInteger();
            List<JoinHandle<Void>> hs = spawnEach(rt, 4, root, r -> {
                for (int i = 0; i < 5; i++) {
                    boolean write = r.nextInt(3) == 0;
                    Object o = await(write ? lock.write() : lock.read(), r);
                    if (o instanceof RwLock.WriteGuard<?> g) {
                        assertEquals(1, writers.incrementAndGet(), "one writer");
                        assertEquals(0, readers.get(), "no reader beside a writer");
                        @SuppressWarnings("unchecked")
                        RwLock.WriteGuard<int[]> w = (RwLock.WriteGuard<int[]>) g;
                        hold(r);
                        w.get()[0]++;
                        writes.incrementAndGet();
                        writers.decrementAndGet();
                        w.close();
                    } else if (o instanceof RwLock.ReadGuard<?> g) {
                        readers.incrementAndGet();
                        assertEquals(0, writers.get(), "no writer beside a reader");
                        hold(r);
                        readers.decrementAndGet();
                        g.close();
                    }
                }
                return null;
            });
            joinAll(rt, hs);
            try (RwLock.WriteGuard<int[]> g = lock.tryWrite().orElseThrow(() -> new AssertionError("lock not free"))) {
                assertEquals(writes.get(), g.get()[0], "every write counted once");
            }
        });
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** A body of a task, given its own stream of the seed's randomness. */
    interface Body {
        Void run(SplittableRandom r) throws Exception;
    }

    private static List<JoinHandle<Void>> spawnEach(Runtime rt, int n, SplittableRandom root, Body body) {
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SplittableRandom r = root.split();
            Callable<Void> c = () -> body.run(r);
            hs.add(rt.spawn(c));
        }
        return hs;
    }

    private static <T> List<T> joinAll(Runtime rt, List<JoinHandle<T>> hs) throws Exception {
        List<T> out = new ArrayList<>();
        for (JoinHandle<T> h : hs) {
            out.add(rt.blockOn(h));
        }
        return out;
    }

    /**
     * Holds a lock or permit for a while: not at all, a yield, or until the next 1 ms tick, so a
     * release may come in the turn a waiter's timer fires.
     */
    private static void hold(SplittableRandom r) throws Exception {
        switch (r.nextInt(3)) {
            case 0 -> { }
            case 1 -> Weft.yieldNow().await();
            default -> Time.sleep(Duration.ofMillis(1)).await();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Mutex.Guard<T> guard(Object o) {
        return (Mutex.Guard<T>) o;
    }

    /**
     * Awaits {@code f} one of three ways, drawn from {@code r}: plainly; raced against a yield,
     * so it is cancelled at its second poll if still pending; or with a 0 or 1 ms timeout.
     *
     * @return its value ({@link #DONE} for null), or {@link #CANCELLED}
     */
    static Object await(Future<?> f, SplittableRandom r) throws Exception {
        Object v;
        switch (r.nextInt(3)) {
            case 0 -> v = f.await();
            case 1 -> {
                return raced(f, Time.sleep(Duration.ofMillis(r.nextInt(2))));
            }
            default -> {
                try {
                    v = Time.timeout(Duration.ofMillis(r.nextInt(2)), f).await();
                } catch (Elapsed e) {
                    return CANCELLED;
                }
            }
        }
        return v == null ? DONE : v;
    }

    /**
     * {@code f} raced against a 0 or 1 ms sleep in a fair {@link Select}: its first branch is
     * the seed's, so when the timer fires in the turn that hands {@code f} its message, permit or
     * lock, the sleep may be polled first and win while {@code f} holds what it was handed but
     * was not polled yet: the hand-over a cancellation must give back.
     */
    private static <T> Object raced(Future<T> f, Future<Void> sleep) throws Exception {
        return Select.<Object>builder()
                .on(f, v -> v == null ? DONE : v)
                .on(sleep, v -> CANCELLED)
                .build()
                .await();
    }

}
