package dev.weft.runtime.scheduler;

import dev.weft.runtime.BlockedWorker;
import dev.weft.runtime.jfr.WeftEvents;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The blocked-worker detector: one daemon thread per runtime that notices a poll holding a
 * worker longer than a threshold and reports it, once per poll.
 *
 * <p>Implementation notes.
 * <ul>
 * <li><b>No clock on the hot path.</b> A worker publishes, with opaque stores, the number of its
 *     run ({@link WorkerStats#polls()}, which it counts anyway) and what it runs
 *     ({@link WorkerStats#currentPoll()}: one more store per run, cleared only when it parks).
 *     The watchdog samples both: a pair it saw unchanged at two instants {@code threshold} apart
 *     means that no run started in between, so a short poll can never be reported. The watchdog
 *     alone reads {@link System#nanoTime()}.</li>
 * <li><b>Still inside that run?</b> Since the worker does not clear {@code currentPoll} after
 *     each run (that would be a second store per run), an unchanged pair may also mean that the
 *     run ended and the worker has been busy in the scheduler's own code since (a contended
 *     queue lock, a descheduled thread). So before reporting, the watchdog checks the worker
 *     thread's stack for the frame that runs it: {@code Task.run}, {@code Coroutine.run}, or the
 *     future's poll called from {@code blockOn}. The stack is taken only then, never on the
 *     workers' path.</li>
 * <li><b>Timing.</b> It wakes every {@code threshold / 2}, or earlier when a run it saw will
 *     reach the threshold sooner, so a blocked poll is reported between 1 and 1.5 thresholds
 *     after it began.</li>
 * <li><b>Once per poll.</b> A report marks the (worker, run) pair; the mark clears when the run
 *     changes. The stack is taken, then the pair re-read: a run that ended meanwhile is not
 *     reported with a stack that no longer belongs to it.</li>
 * <li><b>Lifetime.</b> Started by the builder, stopped (and joined) by the scheduler's shutdown.
 *     It holds its scheduler weakly, so a runtime that is dropped without being closed does not
 *     keep its watchdog alive, nor the watchdog the runtime.</li>
 * </ul>
 */
final class Watchdog implements Runnable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final WeakReference<Scheduler> scheduler;
    private final long thresholdNanos;
    private final Consumer<BlockedWorker> handler;
    private final Thread thread;
    /** Set once by stop(); read by the watchdog after each wake-up. */
    private volatile boolean stopped;

    // watchdog thread only: per worker, the run seen last, since when, and whether it was reported
    private long[] seenPolls = new long[0];
    private Object[] seenRun = new Object[0];
    private long[] seenSince = new long[0];
    private boolean[] reported = new boolean[0];

    private Watchdog(Scheduler scheduler, long thresholdNanos, Consumer<BlockedWorker> handler) {
        this.scheduler = new WeakReference<>(scheduler);
        this.thresholdNanos = thresholdNanos;
        this.handler = handler;
        this.thread = Thread.ofPlatform().daemon().name("weft-watchdog-" + THREADS.incrementAndGet()).unstarted(this);
    }

    static Watchdog start(Scheduler scheduler, long thresholdNanos, Consumer<BlockedWorker> handler) {
        Watchdog w = new Watchdog(scheduler, thresholdNanos, handler);
        w.thread.start();
        return w;
    }

    /** Stops the watchdog and waits (briefly) for its thread to end. Idempotent. */
    void stop() {
        stopped = true; // volatile write, then unpark: the watchdog re-reads it when it wakes
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) { // a handler may close the runtime itself
            try {
                thread.join(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        while (!stopped) {
            Scheduler s = scheduler.get();
            if (s == null) {
                return; // the runtime was dropped without close()
            }
            WeftEvents.refresh(); // also while every worker sleeps or sits in one long poll
            long waitNanos = check(s.workerStats(), s.runtimeName());
            s = null; // do not hold the runtime while parked
            LockSupport.parkNanos(this, waitNanos);
        }
    }

    /** @return how long to wait before the next look */
    private long check(List<? extends WorkerStats> workers, String runtimeName) {
        int n = workers.size();
        if (seenPolls.length != n) {
            seenPolls = new long[n];
            seenRun = new Object[n];
            seenSince = new long[n];
            reported = new boolean[n];
        }
        long now = System.nanoTime();
        long wait = Math.max(1_000_000L, thresholdNanos / 2);
        for (int i = 0; i < n; i++) {
            WorkerStats w = workers.get(i);
            Object run = w.currentPoll();
            long polls = w.polls();
            if (run == null) {
                seenRun[i] = null; // parked or between turns: nothing to watch, nothing retained
                continue;
            }
            if (run != seenRun[i] || polls != seenPolls[i]) {
                seenRun[i] = run;
                seenPolls[i] = polls;
                seenSince[i] = now;
                reported[i] = false;
                wait = Math.min(wait, thresholdNanos);
                continue;
            }
            if (reported[i]) {
                continue;
            }
            long blocked = now - seenSince[i];
            if (blocked >= thresholdNanos) {
                reported[i] = true;
                report(w, run, polls, blocked, runtimeName);
            } else {
                wait = Math.min(wait, thresholdNanos - blocked);
            }
        }
        return wait;
    }

    private void report(WorkerStats w, Object run, long polls, long blockedNanos, String runtimeName) {
        Thread carrier = w.thread();
        if (carrier == null) {
            return;
        }
        StackTraceElement[] stack = carrier.getStackTrace();
        if (!insideRun(run, stack)) {
            return; // the run ended; the worker is in the scheduler's own code (see class notes)
        }
        // A task's coroutine runs inside the task's poll: a continuation always, a virtual thread
        // in its first run (Coroutine.start), which has a stack of its own.
        Coroutine<?> taskCoroutine = run instanceof Task<?> t && t.futureForDump() instanceof Coroutine<?> c ? c : null;
        boolean inline = taskCoroutine != null && !taskCoroutine.onContinuation() && taskCoroutine.isMounted();
        Thread coroutineThread = run instanceof Coroutine<?> c ? c.thread() : inline ? taskCoroutine.thread() : null;
        if (coroutineThread != null) {
            StackTraceElement[] own = coroutineThread.getStackTrace(); // the carrier's stack stops at the continuation
            if (own.length > 0) {
                stack = own;
            }
        }
        if (w.currentPoll() != run || w.polls() != polls) {
            return; // the run ended while the stack was taken: the stack is not its own
        }
        // Coroutine.task is a plain field written before the coroutine's thread started; read here
        // without a happens-before edge. Benign: at worst the report says "a coroutine" without its task.
        Task<?> task = run instanceof Task<?> t ? t : run instanceof Coroutine<?> c ? c.task() : null;
        String name = task != null ? task.name()
                : run instanceof Coroutine<?> ? "a coroutine started outside any task"
                : "the future given to blockOn";
        boolean inCoroutine = run instanceof Coroutine<?> || inline || taskCoroutine != null && taskCoroutine.onContinuation();
        BlockedWorker b = new BlockedWorker(carrier.getName(), task != null ? task.id() : 0, name,
                inCoroutine, Duration.ofNanos(blockedNanos), Arrays.asList(stack));
        if (WeftEvents.blockedWorkerEnabled()) {
            WeftEvents.blockedWorker(runtimeName, carrier, b.taskId(), name, b.inCoroutine(), blockedNanos,
                    b.stackTrace());
        }
        try {
            handler.accept(b);
        } catch (Throwable ignored) {
            // a failing handler must not stop the detector
        }
    }

    /** @return whether {@code stack} (of the worker thread) is inside the run of {@code run} */
    static boolean insideRun(Object run, StackTraceElement[] stack) {
        String runner = run instanceof Task<?> ? Task.class.getName()
                : run instanceof Coroutine<?> ? Coroutine.class.getName()
                : null;
        for (int i = 0; i < stack.length; i++) {
            StackTraceElement e = stack[i];
            if (e.getMethodName().equals("run") && e.getClassName().equals(BlockInPlace.class.getName())) {
                return false; // blocking on purpose: the worker handed its tasks to the others first
            }
            if (runner != null) {
                if (e.getClassName().equals(runner) && e.getMethodName().equals("run")) {
                    return true;
                }
            } else if (e.getClassName().equals(CurrentThreadScheduler.class.getName())
                    && e.getMethodName().equals("blockOn")) {
                // the blockOn future: inside its poll unless blockOn is busy in its own code
                return i > 0 && !stack[i - 1].getClassName().startsWith(CurrentThreadScheduler.class.getName());
            }
        }
        return false;
    }

    /** @return the watchdog's thread (for tests and the scheduler's shutdown) */
    Thread thread() {
        return thread;
    }
}
