package dev.weft.runtime;

import dev.weft.Weft;
import dev.weft.future.CancelledException;
import dev.weft.future.Futures;
import dev.weft.runtime.TaskLifecycle.Flavor;
import dev.weft.runtime.LifecycleTasks.Probe;
import dev.weft.runtime.LifecycleTasks.Reached;
import dev.weft.sync.Mpsc;
import dev.weft.sync.Mutex;
import dev.weft.sync.Notify;
import dev.weft.sync.TryRecv;
import dev.weft.testkit.TestWaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Focused regressions for the abort races of issue 11, each repeated {@link #ROUNDS} times on
 * one runtime per flavor (a race that a single run may miss shows up as "k of 200 rounds"):
 * <ul>
 * <li>a coroutine aborted after it was handed what it waits for (a lock, a message) but before
 *     it ran again must not continue past its await, and must hand the thing back;</li>
 * <li>{@code h.abort(); h.await()} must not throw before the coroutine's {@code finally} ran,
 *     even when that cleanup takes a moment;</li>
 * <li>an abort while the coroutine runs makes its next await throw, even one that is ready;</li>
 * <li>a coroutine that returned before the abort took effect is joined with its value.</li>
 * </ul>
 * The controller is a coroutine task on the runtime, as in {@link TaskLifecycleRun}.
 */
class TaskAbortRaceTest {
    private static final int ROUNDS = 200;

    static Stream<Flavor> flavors() {
        return TaskLifecycle.FLAVORS.stream();
    }

    /** Runs {@code round} ROUNDS times in a controller coroutine; collects what went wrong, by kind. */
    private static void rounds(Flavor flavor, String what, Round round) throws Exception {
        Map<String, Integer> problems = new TreeMap<>();
        Runtime rt = flavor.builder().get().build();
        CoroutineMode mode = rt.handle().coroutineMode();
        try {
            rt.blockOn(rt.spawn(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    String p = round.run();
                    if (p != null) {
                        problems.merge(p, 1, Integer::sum);
                    }
                }
                return null;
            }));
        } finally {
            rt.close();
        }
        List<String> lines = new ArrayList<>();
        problems.forEach((p, n) -> lines.add(n + " of " + ROUNDS + " rounds: " + p));
        RuntimeMetrics m = rt.metrics();
        if (m.aliveTasks() != 0 || m.liveCoroutines() != 0) {
            lines.add("after the close: " + m.aliveTasks() + " alive tasks, " + m.liveCoroutines() + " live coroutines");
        }
        if (!lines.isEmpty()) {
            throw new AssertionError(flavor + " / " + what + " / " + mode + ":\n  - " + String.join("\n  - ", lines));
        }
    }

    @FunctionalInterface
    private interface Round {
        /** @return what went wrong in this round, or null */
        String run() throws Exception;
    }

    // ---- defect 2: woken, then aborted before it ran again -----------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void coroutineAbortedAfterBeingHandedTheLockDoesNotRunItsCriticalSection(Flavor flavor) throws Exception {
        rounds(flavor, "unlock, then abort the waiting coroutine", () -> {
            Mutex<Integer> mutex = new Mutex<>(0);
            Mutex.Guard<Integer> held = mutex.tryLock().orElseThrow();
            Probe probe = new Probe();
            AtomicBoolean critical = new AtomicBoolean();
            JoinHandle<String> h = Weft.spawn(() -> {
                try {
                    Mutex.Guard<Integer> g = new Reached<>(mutex.lock(), probe).await();
                    critical.set(true);
                    g.close();
                    return "ran";
                } finally {
                    probe.cleanedUp = true;
                }
            });
            LifecycleTasks.bounded(probe.reached.notified(), "the coroutine's first poll"); // queued on the mutex
            Mutex.Lock<Integer> next = mutex.lock();
            next.poll(new TestWaker()); // queued behind it
            held.close(); // the lock goes to the coroutine (it is woken) ...
            h.abort(); // ... which is aborted before it runs again
            String joined = join(h);
            String early = settled(probe);
            String problem = also(consistent(joined, critical.get(), "ran its critical section"), early);
            try {
                LifecycleTasks.bounded(next, "the lock, by the next waiter").close();
            } catch (AssertionError e) {
                return also("the lock did not go to the next waiter", problem);
            }
            return problem;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void coroutineAbortedAfterAMessageArrivedLeavesItInTheChannel(Flavor flavor) throws Exception {
        rounds(flavor, "send, then abort the receiving coroutine", () -> {
            Mpsc.Channel<String> ch = Mpsc.unbounded();
            Probe probe = new Probe();
            AtomicBoolean consumed = new AtomicBoolean();
            JoinHandle<String> h = Weft.spawn(() -> {
                try {
                    String m = new Reached<>(ch.receiver().recv(), probe).await().orElseThrow();
                    consumed.set(true);
                    return m;
                } finally {
                    probe.cleanedUp = true;
                }
            });
            LifecycleTasks.bounded(probe.reached.notified(), "the coroutine's first poll"); // its waker is at the channel
            ch.sender().trySend("message"); // wakes it ...
            h.abort(); // ... and it is aborted before it runs again
            String joined = join(h);
            String early = settled(probe);
            String problem = also(consistent(joined, consumed.get(), "took the message"), early);
            boolean left = ch.receiver().tryRecv() instanceof TryRecv.Received<String>;
            if (left == consumed.get()) {
                return also(left ? "the message was both taken and left in the channel"
                        : "the message is lost: not taken, not in the channel", problem);
            }
            return problem;
        });
    }

    /**
     * Waits (yielding, bounded) until the coroutine's finally ran, so that what it did is final
     * before it is compared with the join; says so if the join had come first (defect 3 would
     * otherwise pass for a lost message or a skipped await).
     */
    private static String settled(Probe probe) {
        boolean early = !probe.cleanedUp;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!probe.cleanedUp) {
            if (System.nanoTime() - deadline > 0) {
                return "the coroutine never finished";
            }
            Weft.yieldNow().await();
        }
        return early ? "the join completed before the coroutine's finally ran" : null;
    }

    private static String also(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    /** Why a round is wrong: the join must say what the coroutine did. */
    private static String consistent(String joined, boolean passed, String passedWhat) {
        if (joined.startsWith("JoinError") && passed) {
            return "the coroutine " + passedWhat + " after the abort, but the join says " + joined;
        }
        if (!joined.startsWith("JoinError") && !passed) {
            return "the join gave " + joined + " without the coroutine having " + passedWhat;
        }
        return null;
    }

    private static String join(JoinHandle<String> h) {
        try {
            return "value " + LifecycleTasks.bounded(h, "the JoinHandle");
        } catch (AssertionError e) {
            return "nothing: the join never completed";
        } catch (JoinError e) {
            return "JoinError(" + (e.isAborted() ? "aborted" : "shutdown") + ")";
        } catch (Exception e) {
            return e.toString();
        }
    }

    // ---- defect 3: the join completes before the finally ran -----------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void abortThenAwaitThrowsOnlyAfterTheFinallyRan(Flavor flavor) throws Exception {
        rounds(flavor, "abort a pending coroutine whose finally spins 2 ms, then await it", () -> {
            Notify never = new Notify();
            Probe probe = new Probe();
            JoinHandle<String> h = Weft.spawn(() -> {
                try {
                    new Reached<>(never.notified(), probe).await();
                    return "woken";
                } finally {
                    spin(Duration.ofMillis(2)); // a cleanup that takes a moment: closing a connection
                    probe.cleanedUp = true;
                }
            });
            LifecycleTasks.bounded(probe.reached.notified(), "the coroutine's first poll");
            h.abort();
            String joined = join(h);
            boolean cleanedUp = probe.cleanedUp; // read right when the join returned
            settled(probe); // the next round starts from a quiet runtime
            if (!joined.equals("JoinError(aborted)")) {
                return "the join gave " + joined;
            }
            return cleanedUp ? null : "h.abort(); h.await() threw JoinError while the finally was still running";
        });
    }

    /** Busy, not a sleep: the point is a cleanup that holds its thread for a moment. */
    private static void spin(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    // ---- abort while running: the next await throws, even a ready one -------------------------

    static Stream<Arguments> flavorsAndAwaits() {
        return flavors().flatMap(f -> Stream.of("ready future", "yieldNow", "notified with a permit")
                .map(a -> Arguments.of(f, a)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("flavorsAndAwaits")
    void abortWhileTheCoroutineRunsMakesItsNextAwaitThrow(Flavor flavor, String await) throws Exception {
        rounds(flavor, "the coroutine is aborted while it runs, then awaits a " + await, () -> {
            AtomicReference<JoinHandle<String>> self = new AtomicReference<>();
            Notify go = new Notify();
            Probe probe = new Probe();
            AtomicBoolean passed = new AtomicBoolean();
            AtomicBoolean threw = new AtomicBoolean();
            JoinHandle<String> h = Weft.spawn(() -> {
                try {
                    go.notified().await(); // until the controller published the handle
                    self.get().abort(); // stands for an abort from elsewhere while this code runs
                    try {
                        awaitOne(await);
                    } catch (CancelledException e) {
                        threw.set(true);
                        throw e;
                    }
                    passed.set(true);
                    return "passed";
                } finally {
                    probe.cleanedUp = true;
                }
            });
            self.set(h);
            go.notifyOne();
            String joined = join(h);
            String early = settled(probe);
            if (passed.get()) {
                return also("the coroutine went past its await after it was aborted (join: " + joined + ")", early);
            }
            if (!threw.get() || !joined.equals("JoinError(aborted)")) {
                return also("the await threw: " + threw.get() + ", the join gave " + joined, early);
            }
            return early;
        });
    }

    private static void awaitOne(String kind) throws Exception {
        switch (kind) {
            case "ready future" -> Futures.ready(1).await();
            case "yieldNow" -> Weft.yieldNow().await();
            default -> {
                Notify n = new Notify();
                n.notifyOne(); // a stored permit: the await is ready at once
                n.notified().await();
            }
        }
    }

    // ---- the body returned before the abort took effect ---------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void aCoroutineThatReturnedBeforeTheAbortIsJoinedWithItsValue(Flavor flavor) throws Exception {
        rounds(flavor, "the body returned, then abort, then await", () -> {
            Notify returned = new Notify();
            JoinHandle<String> h = Weft.spawn(() -> {
                returned.notifyOne();
                return "value";
            });
            LifecycleTasks.bounded(returned.notified(), "the body's return"); // the body has nothing left to await
            h.abort(); // its task may not have seen the return yet
            String joined = join(h);
            return joined.equals("value value") ? null : "the body returned \"value\", but the join gave " + joined;
        });
    }
}
