package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.Runtime;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A primitive's internal lock must not be a monitor (docs/design-notes.md, "Coroutines never
 * wait for a scheduler lock"). On a runtime with one worker, the test holds the lock of a
 * semaphore's or a mutex's engine while a coroutine C tries to take it (with a monitor, C
 * unmounts) and then a poll-based task P, on the only worker, tries too (with a monitor, the
 * worker thread blocks). With a monitor, the release makes C, the first waiter, the monitor's
 * successor: C must run to take it, on the worker that P blocks (as a platform thread) on that
 * very monitor, and nothing runs again. With a {@code ShortLock} C spins on the worker
 * instead, and P runs after it.
 *
 * <p>Only WEFT_SCHEDULER mode can deadlock (in JDK mode C runs on the JDK's carriers); the test
 * runs in both.
 */
class NoMonitorDeadlockTest {
    private static final int ROUNDS = 20;
    private static final long BOUND_SECONDS = 10;

    @Test
    void aCoroutineAndAWorkerShareASemaphoresLock() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.weft.testkit.Modes.continuation(),
                "a continuation never unmounts on a lock: the virtual-thread deadlock tested here cannot happen");
        try (Runtime rt = oneWorker()) {
            for (int round = 0; round < ROUNDS; round++) {
                Semaphore sem = new Semaphore(0);
                CountDownLatch done = new CountDownLatch(2);
                round(rt, round, sem.sem::runLocked, done,
                        () -> { // C: no permit, so the slow path takes the lock
                            sem.acquire().await().close();
                            done.countDown();
                        },
                        () -> { // P: the lock again, then the permit C waits for
                            sem.addPermits(1);
                            done.countDown();
                        });
                assertEquals(1, sem.availablePermits(), "round " + round);
            }
        }
    }

    @Test
    void aCoroutineAndAWorkerShareAMutexsLock() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.weft.testkit.Modes.continuation(),
                "a continuation never unmounts on a lock: the virtual-thread deadlock tested here cannot happen");
        try (Runtime rt = oneWorker()) {
            for (int round = 0; round < ROUNDS; round++) {
                Mutex<Integer> mutex = new Mutex<>(0);
                Mutex.Guard<Integer> held = mutex.tryLock().orElseThrow(); // so both must queue
                CountDownLatch done = new CountDownLatch(2);
                round(rt, round, mutex.raw::runLocked, done,
                        () -> { // C: the mutex is held, so the slow path takes the lock
                            try (Mutex.Guard<Integer> g = mutex.lock().await()) {
                                g.set(g.get() + 1);
                            }
                            done.countDown();
                        },
                        mutex::lock, // P: polls a lock, whose slow path takes the lock again
                        held);
                assertEquals(2, mutex.tryLock().orElseThrow().get(), "round " + round);
            }
        }
    }

    private static Runtime oneWorker() {
        return Runtime.builder().multiThread().workerThreads(1).enableAll()
                .shutdownTimeout(Duration.ofSeconds(1)).build();
    }

    /** A round where P's second step is a plain call. */
    private static void round(Runtime rt, int round, Consumer<Runnable> runLocked, CountDownLatch done,
            Runnable c, Runnable p) throws Exception {
        round(rt, round, runLocked, done, c, () -> {
            p.run();
            return null;
        }, null);
    }

    /**
     * One round: C and P as above; P's second step may return a lock future, which P then
     * polls to the end and counts down; {@code heldGuard}, if any, is closed once both queued.
     */
    private static void round(Runtime rt, int round, Consumer<Runnable> runLocked, CountDownLatch done,
            Runnable c, Supplier<Mutex.Lock<Integer>> p, Mutex.Guard<Integer> heldGuard)
            throws Exception {
        AtomicReference<Thread> cThread = new AtomicReference<>();
        AtomicReference<Thread> pThread = new AtomicReference<>();
        AtomicBoolean pQueued = new AtomicBoolean();
        runLocked.accept(() -> {
            rt.spawn(() -> {
                cThread.set(Thread.currentThread());
                c.run();
                return null;
            });
            // C contends now: with a monitor it unmounts (BLOCKED); with a ShortLock it spins
            awaitFor(30, () -> blocked(cThread.get()));
            rt.spawn(new Future<Void>() {
                private Mutex.Lock<Integer> lock;
                private boolean stepped;

                @Override
                public Poll<Void> poll(Context cx) {
                    if (!stepped) {
                        stepped = true;
                        pThread.set(Thread.currentThread());
                        lock = p.get(); // with a monitor: the worker blocks behind C, maybe for good
                        if (lock == null) {
                            return Poll.ready(null);
                        }
                    }
                    Poll<Mutex.Guard<Integer>> g = lock.poll(cx);
                    if (g.isPending()) {
                        pQueued.set(true);
                        return Poll.pending();
                    }
                    if (g instanceof Poll.Ready<Mutex.Guard<Integer>> r) {
                        try (Mutex.Guard<Integer> guard = r.value()) {
                            guard.set(guard.get() + 1);
                        }
                    }
                    done.countDown();
                    return Poll.ready(null);
                }
            });
            // with a monitor, the worker blocks on it behind C; with a ShortLock C keeps the worker
            awaitFor(30, () -> blocked(pThread.get()));
        });
        if (heldGuard != null) {
            // both C and P queue behind the guard the test holds; then it lets the mutex go
            awaitFor(BOUND_SECONDS * 1000, () -> pQueued.get() && mutexQueued(cThread.get()));
            heldGuard.close();
        }
        if (!done.await(BOUND_SECONDS, TimeUnit.SECONDS)) {
            fail("round " + round + ": C and P did not both finish in " + BOUND_SECONDS + " s (mode "
                    + rt.metrics().coroutineMode() + ")\n" + rt.handle().dumpTasks() + "\n" + rt.metrics());
        }
    }

    private static boolean blocked(Thread t) {
        return t != null && t.getState() == Thread.State.BLOCKED;
    }

    /** @return whether C waits (parked for the mutex, not blocked on a monitor) */
    private static boolean mutexQueued(Thread c) {
        return c != null && c.getState() == Thread.State.WAITING;
    }

    private static void awaitFor(long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
