package dev.weft.runtime.scheduler;

import dev.weft.future.Context;
import dev.weft.future.Futures;
import dev.weft.future.Waker;
import dev.weft.future.internal.Await;
import dev.weft.future.internal.Suspender;
import dev.weft.runtime.CoroutineMode;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The JVM's one-time costs of running a coroutine, paid by the first {@code build()} of a runtime
 * on the building thread instead of inside the first coroutine's first run on a worker.
 *
 * <p>Implementation notes.
 * <ul>
 * <li><b>What.</b> (1) {@code await()}'s pattern switch ({@link Await}) is linked: its bootstrap
 *     generates a class with the JDK's class-file API, 10–16 ms in a fresh JVM with the JDK's
 *     class-data archive and 30–40 ms without one (surefire's JVMs), and every coroutine's first
 *     {@code await} went through it. (2) In {@code WEFT_SCHEDULER} mode a throwaway virtual thread
 *     with a scheduler of its own (the building thread runs it) starts, parks, is unparked and
 *     ends: what the first coroutine did for the first time (mounting, yielding, resubmitting,
 *     the JDK's virtual-thread event classes). (3) In {@code CONTINUATION} mode a throwaway
 *     continuation runs, suspends and is resumed. (4) In {@code JDK_SCHEDULER} mode a throwaway
 *     virtual thread yields once on the JDK's scheduler, which starts that scheduler's threads.</li>
 * <li><b>Why here.</b> Paid inside a first poll, these costs held a worker for 25–100 ms on a
 *     loaded machine (the blocked-worker detector reported a program's first coroutine), let
 *     later tasks overtake it, and delayed the seeds' timed work; paid at build, before any task
 *     exists, they delay nothing that is timed and no worker. Measured on the 2-core machine
 *     (fresh JVMs, 5 each): see docs/design-notes.md, "Cold start".</li>
 * <li><b>Side effects: none visible.</b> No runtime is involved (no task, poll, metric or event),
 *     no thread of Weft's is left behind (in {@code JDK_SCHEDULER} mode the JDK's scheduler keeps
 *     the threads the first coroutine would have started), and the building thread's suspender is
 *     restored. Each step is best-effort: a JVM that refuses one (a virtual thread cannot carry
 *     another) skips it.</li>
 * <li><b>Once</b> per JVM and mode: a bit per mode, claimed before the work, so a second build
 *     racing with the first does not wait for it (it may meet part of the cost itself).</li>
 * </ul>
 */
final class ColdStart {
    private static final AtomicInteger DONE = new AtomicInteger();

    private ColdStart() {
    }

    /**
     * Pays the one-time costs of coroutines of {@code mode}, unless done already in this JVM.
     *
     * @param mode how the runtime being built runs its coroutines
     */
    static void prepare(CoroutineMode mode) {
        int bit = 1 << mode.ordinal();
        if ((DONE.getAndUpdate(d -> d | bit) & bit) != 0) {
            return;
        }
        run(mode);
    }

    /** The steps of {@link #prepare}, every time (for tests). */
    static void run(CoroutineMode mode) {
        try {
            // Coroutine's initializer loads what the JIT needs at a coroutine's end (see loadForTheJit)
            java.lang.invoke.MethodHandles.lookup().ensureInitialized(Coroutine.class);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e); // same package
        }
        linkAwait();
        if (Thread.currentThread().isVirtual()) {
            return; // only a platform thread can carry a virtual thread or run a continuation
        }
        switch (mode) {
            case WEFT_SCHEDULER -> runVirtualThread();
            case CONTINUATION -> runContinuation();
            case JDK_SCHEDULER -> yieldOnJdkScheduler();
        }
    }

    /** Links {@code Await.await}'s type switch with a ready future, under a suspender that never waits. */
    private static void linkAwait() {
        Suspender prev = Suspender.install(Inert.INSTANCE);
        try {
            Await.await(Futures.ready(Boolean.TRUE));
        } catch (RuntimeException e) {
            // best-effort: the first await pays it instead
        } finally {
            Suspender.install(prev);
        }
    }

    /** A virtual thread on a scheduler of its own, carried by this thread: start, park, unpark, end. */
    private static void runVirtualThread() {
        if (!CoroutineThreads.onWeftWorkers()) {
            return;
        }
        ArrayDeque<Runnable> runs = new ArrayDeque<>();
        try {
            Thread t = CoroutineThreads.newThread(runs::add, LockSupport::park);
            t.start();
            drain(runs); // runs until it parks
            LockSupport.unpark(t);
            drain(runs); // runs to its end
        } catch (RuntimeException e) {
            // best-effort: the first coroutine pays it instead
        }
    }

    private static void drain(ArrayDeque<Runnable> runs) {
        Runnable r;
        while ((r = runs.poll()) != null) {
            r.run();
        }
    }

    /** A virtual thread on the JDK's scheduler: start, yield, end. */
    private static void yieldOnJdkScheduler() {
        try {
            Thread.ofVirtual().start(Thread::yield).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the builder's caller asked to stop: keep its interrupt
        } catch (RuntimeException e) {
            // best-effort: the first coroutine pays it instead
        }
    }

    /** A continuation on this thread: run, suspend, resume to its end. */
    private static void runContinuation() {
        if (!WeftContinuation.AVAILABLE) {
            return;
        }
        try {
            Object c = WeftContinuation.create(WeftContinuation::suspend);
            WeftContinuation.run(c);
            WeftContinuation.run(c);
        } catch (RuntimeException e) {
            // best-effort: the first coroutine pays it instead
        }
    }

    /** The suspender of the await link: the future is ready, so it never waits. */
    private static final class Inert extends Suspender implements Context, Waker {
        static final Inert INSTANCE = new Inert();

        @Override
        public Context enter() {
            return this;
        }

        @Override
        public void suspend() {
            throw new IllegalStateException("ColdStart awaits only ready futures");
        }

        @Override
        public Waker waker() {
            return this;
        }

        @Override
        public void wake() {
        }
    }
}
