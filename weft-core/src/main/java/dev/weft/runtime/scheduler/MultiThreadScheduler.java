package dev.weft.runtime.scheduler;

import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.internal.Carrier;
import dev.weft.future.internal.Suspender;
import dev.weft.runtime.internal.RuntimeContext;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The multi-thread work-stealing scheduler (Tokio's proven shape).
 *
 * <p>Implementation notes.
 * <ul>
 * <li><b>Queues.</b> Each {@link Worker} has a bounded {@link LocalQueue} and a LIFO slot; a wake
 *     issued on a worker (by a task, a coroutine mounted on it, or a timer it fires) goes to that
 *     worker's LIFO slot, displacing the previous occupant to the queue; a yield, or a task
 *     re-queued after being woken during its own poll, goes to the back. Wakes from other
 *     threads go to the {@link InjectQueue}, which workers check first every
 *     {@code globalQueueInterval} ticks and whenever their own queue is empty.</li>
 * <li><b>Idle workers</b> steal half of a random victim's queue; at most half the workers
 *     search at once; new work wakes a parked worker only if nobody is searching; see
 *     {@link Idle} for why no wake-up is lost.</li>
 * <li><b>Drivers</b> ({@link WorkerDrivers}). No dedicated timer thread: a worker about to park
 *     tries the driver lock; the holder parks until the next deadline and fires timers, the
 *     others park plainly. Busy workers also fire due timers every {@code eventInterval} ticks.
 *     With a paused clock, the holder advances the clock only when every worker is parked,
 *     every queue empty and no coroutine runs.</li>
 * <li><b>blockOn</b> polls its future on the calling thread (not a worker), parking between
 *     wakes ({@link ParkingWaker}); the runtime's tasks run on the workers meanwhile. What a coroutine given to it
 *     schedules is queued as from that thread, even while the coroutine runs on a worker
 *     (see {@code blockOnRoots}).</li>
 * </ul>
 */
public final class MultiThreadScheduler extends Scheduler {
    final Worker[] workers;
    private final List<Worker> workerStats;
    final InjectQueue inject = new InjectQueue();
    final Idle idle;
    final int globalQueueInterval;
    final int eventInterval;
    /** Set once at shutdown, after every task was cancelled: workers leave their loops. */
    volatile boolean shuttingDown;

    /** The time and I/O drivers as the workers share them: one holder parks in them. */
    private final WorkerDrivers drivers;
    private final Consumer<Thread> onThreadStart;
    private final Consumer<Thread> onThreadStop;
    /**
     * The coroutines given to the blockOn calls in progress ({@code Weft.run}'s body). A
     * virtual-thread one runs on the workers like any coroutine, but what it schedules (the tasks
     * it spawns, the tasks it wakes) is queued as from blockOn's thread, remotely, so it starts in
     * the order it was queued, as what {@code #[tokio::main]}'s body spawns from the main thread
     * does. Queued in its worker's LIFO slot, the last task it spawned ran first and the others as
     * the workers took them: the seeds' bounded crawler took its semaphore's permits out of spawn
     * order. (Carrying the coroutine on blockOn's thread instead would lose that thread's
     * interrupts: the JDK clears a carrier's interrupt status when a virtual thread unmounts.)
     * Copy-on-write under {@code rootsLock}, which only threads entering or leaving blockOn take;
     * read with one volatile load per coroutine run.
     */
    private volatile Coroutine<?>[] blockOnRoots = NO_ROOTS;
    private final Object rootsLock = new Object();
    private static final Coroutine<?>[] NO_ROOTS = new Coroutine<?>[0];

    /**
     * Builds the workers; their threads start in {@link #start()}.
     *
     * @param config the drivers and settings
     * @param mt the worker count, intervals and thread hooks
     */
    public MultiThreadScheduler(SchedulerConfig config, MultiThreadConfig mt) {
        super(config);
        this.drivers = new WorkerDrivers(this, config.timeDriver(), config.ioDriver());
        this.globalQueueInterval = mt.globalQueueInterval();
        this.eventInterval = mt.eventInterval();
        this.onThreadStart = mt.onThreadStart();
        this.onThreadStop = mt.onThreadStop();
        int n = mt.workerThreads();
        this.idle = new Idle(n);
        this.workers = new Worker[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(this, i, mt.localQueueCapacity());
        }
        this.workerStats = List.of(workers);
        for (Worker w : workers) {
            w.thread = new WorkerThread(w, mt.threadNamePrefix() + w.index);
        }
    }

    @Override
    void startThreads() {
        for (Worker w : workers) {
            w.thread.start();
        }
    }

    // ---- scheduling -------------------------------------------------------------------------

    @Override
    void schedule(Runnable r) {
        Worker w = schedulingWorker(r);
        if (r instanceof Task<?> t && t.home instanceof Worker h && h != w) {
            h.pushRemote(t); // a task bound to another worker: see Task.home
            return;
        }
        if (w != null) {
            w.scheduleLocal(r, w.mounted == r); // a coroutine re-queued while unmounting: a yield
        } else {
            pushRemote(r);
        }
    }

    @Override
    void scheduleYield(Runnable r) {
        Worker w = schedulingWorker(r);
        if (r instanceof Task<?> t && t.home instanceof Worker h && h != w) {
            h.pushRemote(t);
            return;
        }
        if (w != null) {
            w.scheduleLocal(r, true);
        } else {
            pushRemote(r);
        }
    }

    /**
     * The worker whose own queues a schedule by the caller may use: the caller's worker, or null
     * (the caller is not on a worker, or is a blockOn coroutine, which schedules as its blockOn
     * thread would; its own continuation, re-queued while it unmounts, stays a yield).
     */
    private Worker schedulingWorker(Runnable r) {
        Worker w = currentWorker();
        return w != null && w.mountedForBlockOn && w.mounted != r ? null : w;
    }

    private boolean isBlockOnRoot(Coroutine<?> c) {
        for (Coroutine<?> root : blockOnRoots) { // volatile read: see the field
            if (root == c) {
                return true;
            }
        }
        return false;
    }

    private void pushRemote(Runnable r) {
        if (inject.push(r)) { // publication, then notifyParked reads the idle state: see Idle
            notifyParked();
        }
    }

    /** @return the worker the calling thread runs on (directly, or as a mounted coroutine), or null */
    Worker currentWorker() {
        Thread t = Carrier.current(); // not Thread.currentThread(): see Carrier
        if (t instanceof WorkerThread wt) {
            return wt.worker.sched == this ? wt.worker : null;
        }
        if (t.isVirtual() && Suspender.installed() instanceof Coroutine<?> c
                && CoroutineThreads.currentCarrier() instanceof WorkerThread wt) {
            // The JDK's answer, not c.carrier: see CoroutineThreads.currentCarrier. Until this
            // coroutine's next unmount point it stays on that worker's thread, and the scheduler
            // code it runs has none (ShortLock), so the worker's owner-only queue is safe to use.
            Worker w = wt.worker;
            return w.sched == this && w.mounted == c ? w : null;
        }
        return null;
    }

    @Override
    void runCoroutine(Coroutine<?> c, Runnable continuation) {
        Worker w = currentWorker();
        if (w == null) {
            continuation.run();
            return;
        }
        c.carrier = w; // for the task dump only: a duplicate run (see currentWorker) may overwrite it
        try {
            w.runCoroutine(c, continuation, isBlockOnRoot(c));
        } finally {
            if (c.carrier == w) {
                c.carrier = null;
            }
        }
    }

    @Override
    boolean isMounted(Coroutine<?> c) {
        return c.carrier != null; // plain: set and cleared by the worker running it; racy by design
    }

    void notifyParked() {
        idle.notifyOne(workers);
    }

    /**
     * Whether a worker woken now could take work: the injection queue or a worker's run queue.
     * Not a LIFO slot or a remote queue, which only their owner runs (awake, or woken for it):
     * the last searcher that counted them woke a sleeper that found nothing, parked as the last
     * searcher, saw the same slot and woke itself again, spinning on two cores until the owner
     * took its task (2.5 ms after a timer fired, in the seeds' bounded crawler).
     *
     * @return whether the injection queue or a run queue holds a task
     */
    boolean hasStealableWork() {
        if (!inject.isEmpty()) {
            return true;
        }
        for (Worker w : workers) {
            if (w.run.hasTasks()) {
                return true;
            }
        }
        return false;
    }

    /** @return whether any queue or LIFO slot holds a task (the paused clock's idle check) */
    boolean hasWorkAnywhere() {
        if (!inject.isEmpty()) {
            return true;
        }
        for (Worker w : workers) {
            // lifo: another worker's plain field. The driver holder reads it after taking the
            // driver lock, which the worker whose timers filled it released after the write; a
            // stale read elsewhere costs a spurious wake at most.
            if (w.lifo != null || w.run.hasTasks() || !w.remote.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    // ---- drivers (WorkerDrivers) -----------------------------------------------------------

    void unparkWorker(Worker w, Thread t) {
        drivers.unparkWorker(w, t);
    }

    void maintenance(Worker w) {
        drivers.maintenance();
    }

    void parkWorker(Worker w) {
        drivers.parkWorker(w);
    }

    void onWorkerParked() {
        drivers.onWorkerParked();
    }

    @Override
    void onCoroutinesIdle() {
        drivers.onCoroutinesIdle();
    }

    /**
     * Whether nothing can make progress without time moving (the paused clock's check); see
     * {@link WorkerDrivers#everythingIdle()} for why it takes two passes.
     */
    boolean quiet() {
        return activeCoroutines() == 0 && blockingInFlight() == 0 && !hasWorkAnywhere()
                && idle.unparkedCount() == 0;
    }

    long totalPolls() {
        long n = 0;
        for (Worker w : workers) {
            n += w.stats.polls(); // opaque loads: a change since the first read is all that matters
        }
        return n;
    }

    /**
     * A worker is about to run a blocking body in place: its queued tasks (LIFO slot included)
     * go to the injection queue and a parked worker is woken to take them, so nothing waits
     * behind the blocking call.
     */
    @Override
    public void beforeBlockInPlace() {
        Worker w = currentWorker();
        if (w == null) {
            return;
        }
        Runnable r = w.lifo;
        w.lifo = null;
        if (r != null) {
            inject.push(r);
        }
        while ((r = w.run.pop()) != null) {
            inject.push(r);
        }
        notifyParked();
    }

    void onThreadStart() {
        onThreadStart.accept(Thread.currentThread());
    }

    void onThreadStop() {
        onThreadStop.accept(Thread.currentThread());
    }

    // ---- blockOn and shutdown -----------------------------------------------------------------

    @Override
    public <T> Poll<T> blockOn(Future<T> future) {
        refuseNestedBlockOn();
        RuntimeContext prevCtx = RuntimeContext.enter(this);
        Suspender prevSuspender = Suspender.install(WorkerSuspender.REFUSING);
        // A continuation root runs on this thread while it is polled: count this thread as a
        // running coroutine then, so a paused clock waits for it. (A virtual-thread coroutine
        // counts itself; counting this thread too made a rare early jump more likely.)
        boolean counted = future instanceof Coroutine<?> && continuations();
        ParkingWaker waker = new ParkingWaker(Thread.currentThread(), counted ? this : null);
        if (counted) {
            coroutineWoken();
        }
        Coroutine<?> root = future instanceof Coroutine<?> c ? c : null;
        if (root != null) {
            updateRoots(root, true); // before its first poll: see blockOnRoots
        }
        try {
            for (;;) {
                waker.state = ParkingWaker.RUNNING;
                Poll<T> p = pollCatching(future, waker);
                if (p.isReady()) {
                    return p;
                }
                if (!waker.park()) {
                    return interrupted(future);
                }
            }
        } finally {
            if (root != null) {
                updateRoots(root, false);
            }
            if (counted) {
                coroutineParked();
            }
            Suspender.install(prevSuspender);
            RuntimeContext.enter(prevCtx);
        }
    }

    private void updateRoots(Coroutine<?> root, boolean add) {
        synchronized (rootsLock) {
            Coroutine<?>[] old = blockOnRoots;
            Coroutine<?>[] now;
            if (add) {
                now = Arrays.copyOf(old, old.length + 1);
                now[old.length] = root;
            } else {
                now = Arrays.stream(old).filter(c -> c != root).toArray(Coroutine<?>[]::new);
            }
            blockOnRoots = now.length == 0 ? NO_ROOTS : now; // volatile write
        }
    }

    @Override
    public boolean shutdown(long timeoutNanos) {
        if (!closeSpawning()) {
            return true;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        for (Task<?> t : ownedSnapshot()) {
            t.abortForShutdown();
        }
        boolean clean = true;
        while (aliveTasks() > 0 || liveCoroutines() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                clean = false;
                break;
            }
            LockSupport.parkNanos(this, Math.min(left, 1_000_000L));
        }
        shuttingDown = true;
        inject.close();
        idle.notifyAll(workers);
        drivers.unparkHolder();
        long joinUntil = System.nanoTime() + Math.max(1_000_000_000L, deadline - System.nanoTime());
        for (Worker w : workers) {
            try {
                long left = joinUntil - System.nanoTime();
                if (left > 0) {
                    w.thread.join(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Task<?> t : ownedSnapshot()) {
            t.cancelNow();
        }
        reportUnobserved();
        stopBlockedWorkerDetector();
        closeDrivers();
        return clean;
    }

    @Override
    public boolean isWorkerThread() {
        return currentWorker() != null;
    }

    /** @return the number of workers */
    public int workerCount() {
        return workers.length;
    }

    @Override
    public List<? extends WorkerStats> workerStats() {
        return workerStats;
    }

    @Override
    public int globalQueueDepth() {
        return inject.len();
    }
}
