package dev.weft.runtime.scheduler;

import dev.weft.future.internal.Carrier;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.future.internal.Choice;
import dev.weft.future.internal.SeededRandom;
import dev.weft.future.internal.Suspender;
import dev.weft.runtime.UncaughtFailureHandler;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.runtime.jfr.WeftEvents;
import dev.weft.runtime.jfr.WorkerUnparkedEvent;
import dev.weft.time.Clock;
import dev.weft.io.reactor.Reactor;
import dev.weft.time.wheel.TimeDriver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The current-thread scheduler: every task and (in {@code WEFT_SCHEDULER} mode) every coroutine
 * runs on the one thread that is inside {@link #blockOn}. The closest thing to Node's loop.
 *
 * <p>Implementation notes.
 * <ul>
 * <li><b>Queues.</b> Wakes on the driving thread (from a task, a coroutine mounted on it, or a
 *     timer it fires) go to {@code local}, a plain deque no other thread touches. Wakes from any
 *     other thread go to {@code inject} and unpark the driver if it is parked. Each turn starts by
 *     moving {@code inject} behind the local work, so remote work runs in arrival order and
 *     cannot be starved by tasks that keep re-waking themselves.</li>
 * <li><b>Parking</b> never loses a wake-up: the driver sets {@code parked} (volatile) and then
 *     re-checks {@code inject} and the main waker; a remote waker publishes its work and then
 *     reads {@code parked}. With both sides volatile, one of them sees the other.</li>
 * <li><b>Time.</b> After each batch of {@link #EVENT_INTERVAL} runs the driver fires expired
 *     timers; when idle it parks until the next deadline. With a paused clock it instead jumps
 *     the clock to the next deadline, but only when no task is runnable, no coroutine is
 *     running outside an await and no blocking task is in flight.</li>
 * <li><b>Deterministic mode</b> ({@code RuntimeBuilder.deterministic(seed)}): {@code local} is a
 *     {@link RunQueue} chosen at construction, FIFO normally, a seeded random pick here; the
 *     time and I/O drivers were built with seeded orders for wake-ups of one instant or one
 *     turn, and {@code Select} draws its first branch from {@link #choose} on this thread. Only
 *     work that reaches {@code local} is ordered by the seed: wakes from other threads (the
 *     blocking pool, coroutines on the JDK's scheduler) arrive when they arrive.</li>
 * <li><b>Metrics</b> of the driving thread live in {@link RunStats}: two opaque stores per run
 *     (the run's number and what runs, also read by the blocked-worker {@link Watchdog}), the
 *     local depth once per turn, the clock only around parks.</li>
 * </ul>
 */
public final class CurrentThreadScheduler extends Scheduler {
    /** Tasks run between two checks of timers (Tokio's current-thread default is 61). */
    static final int EVENT_INTERVAL = 61;

    private static final VarHandle DRIVER;

    static {
        try {
            DRIVER = MethodHandles.lookup().findVarHandle(CurrentThreadScheduler.class, "driver", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final RunQueue local;
    /** The seed of a deterministic runtime, else empty. */
    private final OptionalLong seed;
    /** Select's seeded stream, or null: drawn only on the driving thread (see {@link #choose}). */
    private final SeededRandom selectOrder;
    private final InjectQueue inject = new InjectQueue(); // a ring: no node per remote wake
    private final MainWaker mainWaker = new MainWaker();
    private final WorkerSuspender suspender = new WorkerSuspender(true);
    private final RunStats stats = new RunStats();
    private final List<RunStats> statsList = List.of(stats);
    private final TimeDriver time;
    private final Reactor io;
    private final Clock clock;
    /** The thread inside blockOn, or null. Claimed by CAS so only one thread drives. */
    @SuppressWarnings("unused") // accessed through DRIVER and directly (volatile)
    private volatile Thread driver;
    /** The driver is parked or about to park: a remote waker must unpark it. */
    private volatile boolean parked;
    /** The coroutine whose continuation the driver is running; read by schedule() for identity only. */
    private Coroutine<?> mounted;

    /**
     * A current-thread scheduler with a FIFO run queue.
     *
     * @param config the drivers and settings
     */
    public CurrentThreadScheduler(SchedulerConfig config) {
        this(config, OptionalLong.empty());
    }

    /**
     * A scheduler whose run queue is a seeded random pick when {@code seed} is present (the
     * deterministic runtime; its drivers are seeded by the builder), else FIFO.
     *
     * @param config the drivers and settings
     * @param seed the seed of a deterministic runtime, or empty
     */
    public CurrentThreadScheduler(SchedulerConfig config, OptionalLong seed) {
        super(config);
        TimeDriver time = config.timeDriver();
        this.seed = seed;
        if (seed.isPresent()) {
            this.local = RunQueue.seeded(new SeededRandom(seed.getAsLong(), SeededRandom.RUN_QUEUE));
            this.selectOrder = new SeededRandom(seed.getAsLong(), SeededRandom.SELECT);
            Choice.plug(CurrentThreadScheduler::chooseForCurrent);
        } else {
            this.local = RunQueue.fifo();
            this.selectOrder = null;
        }
        this.time = time;
        this.io = config.ioDriver();
        this.clock = time == null ? null : time.clock();
        if (time != null) {
            time.onEarlierDeadline(this::unparkDriver);
        }
    }

    @Override
    void schedule(Runnable r) {
        Thread me = Carrier.current();
        Coroutine<?> m = mounted;
        if (me == driver || (m != null && m.thread() == me)) {
            local.push(r);
        } else {
            inject.push(r); // publication (volatile length), then read parked: see class notes
            unparkDriver();
        }
    }

    private void unparkDriver() {
        if (parked) {
            if (io != null) {
                io.wakeup(); // the driver parks in select; a wakeup before it makes select return at once
                return;
            }
            Thread d = driver;
            if (d != null) {
                LockSupport.unpark(d);
            }
        }
    }

    /** @return the seed of a deterministic runtime, or empty */
    public OptionalLong seed() {
        return seed;
    }

    /** Select's hook (see {@link Choice}): the seeded pick of this thread's runtime, or -1. */
    private static int chooseForCurrent(int bound) {
        return RuntimeContext.current() instanceof CurrentThreadScheduler s ? s.choose(bound) : -1;
    }

    /**
     * A seeded pick in {@code [0, bound)} when this runtime is deterministic and the caller is
     * its driving thread or the coroutine mounted on it (the stream is not thread-safe, and a
     * draw from another thread would not replay anyway); else -1.
     */
    private int choose(int bound) {
        if (selectOrder == null) {
            return -1;
        }
        Thread me = Carrier.current();
        Coroutine<?> m = mounted;
        return me == driver || (m != null && m.thread() == me) ? selectOrder.nextInt(bound) : -1;
    }

    @Override
    void runCoroutine(Coroutine<?> c, Runnable continuation) {
        Coroutine<?> prev = mounted;
        mounted = c;
        try {
            continuation.run();
        } finally {
            mounted = prev;
        }
    }

    @Override
    boolean isMounted(Coroutine<?> c) {
        return mounted == c; // plain: the driver's field, read racily by the task dump
    }

    @Override
    void onCoroutinesIdle() {
        unparkDriver(); // a paused clock may now advance
    }

    /** Tokio's rule: this runtime's only thread cannot be given up to a blocking body. */
    @Override
    public void beforeBlockInPlace() {
        throw new IllegalStateException("blockInPlace() was called on the thread of a current-thread "
                + "runtime while it polls a task: blocking it would stall every task of the runtime. "
                + "Use spawnBlocking(...) and await its JoinHandle, or run the code in a coroutine "
                + "(Async.async / Weft.spawn), where blocking parks only the coroutine");
    }

    @Override
    void onAllTasksDone() {
        unparkDriver(); // shutdown may be waiting for this
    }

    /**
     * Drives the runtime on the calling thread until {@code future} completes.
     *
     * @param future the future
     * @param <T> its value type
     * @return its result (value or failure)
     */
    @Override
    public <T> Poll<T> blockOn(Future<T> future) {
        Thread me = Carrier.current();
        refuseNestedBlockOn();
        if (!DRIVER.compareAndSet(this, (Thread) null, me)) {
            throw new IllegalStateException("this current-thread runtime is already driven by "
                    + driver + "; only one thread at a time may be inside blockOn");
        }
        RuntimeContext prevCtx = RuntimeContext.enter(this);
        Suspender prevSuspender = Suspender.install(suspender);
        stats.enter(me);
        try {
            mainWaker.woken = true;
            for (;;) {
                if (mainWaker.woken) {
                    mainWaker.woken = false;
                    suspender.resetBudget();
                    stats.onPoll(mainWaker); // the blockOn future counts as a poll of the driver
                    Poll<T> p = pollCatching(future, mainWaker);
                    if (p.isReady()) {
                        return p;
                    }
                }
                turn();
                if (me.isInterrupted()) {
                    return interrupted(future);
                }
            }
        } finally {
            stats.exit();
            Suspender.install(prevSuspender);
            RuntimeContext.enter(prevCtx);
            driver = null;
        }
    }

    /**
     * Drives the runtime on the calling thread until {@code done} holds or the deadline passes.
     *
     * @param done the condition, re-checked after every turn
     * @param timeoutNanos how long to drive at most (real time)
     * @return whether {@code done} held
     */
    public boolean driveUntil(BooleanSupplier done, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        return blockOn(cx -> {
            if (done.getAsBoolean()) {
                return Poll.ready(Boolean.TRUE);
            }
            if (System.nanoTime() - deadline >= 0) {
                return Poll.ready(Boolean.FALSE);
            }
            mainWaker.woken = true; // re-check after every turn
            return Poll.pending();
        }).get();
    }

    /** Polls run since I/O was last polled; driving thread only. */
    private int pollsSinceIo;

    /** One turn: run a batch of tasks, fire timers, park if there is nothing to do. */
    private void turn() {
        drainInject();
        stats.publishLocalDepth(local.size());
        int ran = 0;
        boolean timed = WeftEvents.longPollEnabled(); // once per batch: a recording wants long polls
        while (ran < EVENT_INTERVAL) {
            Runnable r = local.next();
            if (r == null) {
                break;
            }
            suspender.resetBudget();
            stats.onPoll(r);
            if (timed) {
                LongPolls.run(this, r);
            } else {
                r.run();
            }
            ran++;
        }
        pollsSinceIo += ran + 1; // the blockOn future's poll counts too
        if (io != null && pollsSinceIo >= EVENT_INTERVAL) {
            // busy: poll I/O every EVENT_INTERVAL polls, however they are batched, so sockets are
            // not starved (a coroutine that keeps yielding makes short turns that never park)
            pollsSinceIo = 0;
            io.turn(0);
        }
        if (time != null) {
            time.processExpired();
        }
        if (ran == 0 && local.isEmpty() && !mainWaker.woken) {
            park();
        }
    }

    /** Moves work queued by other threads behind the local work, keeping arrival order. */
    private void drainInject() {
        Runnable r;
        while ((r = inject.pop()) != null) {
            local.push(r);
        }
    }

    private void park() {
        parked = true; // volatile write, then re-check the queues: see class notes
        try {
            if (!inject.isEmpty() || mainWaker.woken || !local.isEmpty()) {
                return;
            }
            long deadline = time == null ? Long.MAX_VALUE : time.nextDeadline();
            if (clock != null && clock.isPaused()) {
                if (io != null && io.turn(0) > 0) {
                    return; // I/O woke tasks, or someone woke us: run them, then look again
                }
                // Counts first, then the queue again: a coroutine on the JDK's scheduler, or a
                // blocking task, queues its joiner before it stops counting, so a queue read after
                // a zero count sees that work (read before, it could miss it: the clock jumped).
                if (deadline != Long.MAX_VALUE && activeCoroutines() == 0 && blockingInFlight() == 0
                        && inject.isEmpty() && !mainWaker.woken) {
                    // re-read once idle: a coroutine elsewhere may have inserted an earlier timer
                    clock.advanceTo(time.nextDeadline()); // idle: jump to the next timer instead of waiting
                    stats.refreshClock();
                    return;
                }
                parkDriver(0);
            } else if (deadline == Long.MAX_VALUE) {
                parkDriver(0);
            } else {
                long wait = deadline - clock.nanoTime();
                if (wait > 0) {
                    parkDriver(wait);
                }
            }
        } finally {
            parked = false;
        }
    }

    /** Parks the driver for {@code nanos} (0: until unparked), counting it in the metrics. */
    private void parkDriver(long nanos) {
        WorkerUnparkedEvent event = WeftEvents.workerParkEnabled() // a few loads unless recorded
                ? WeftEvents.workerParked(runtimeName(), 0) : null;
        stats.beforePark();
        parkInDrivers(io, nanos);
        stats.afterPark();
        if (event != null) {
            WeftEvents.workerUnparked(event);
        }
    }

    /**
     * Cancels every task and drives the runtime until they and every coroutine ended, or the
     * timeout passed; then cancels what is left on the calling thread.
     *
     * @param timeoutNanos how long to wait for tasks to unwind
     * @return whether everything ended in time
     */
    @Override
    public boolean shutdown(long timeoutNanos) {
        if (!closeSpawning()) {
            return true;
        }
        for (Task<?> t : ownedSnapshot()) {
            t.abortForShutdown();
        }
        boolean clean = driveUntil(() -> aliveTasks() == 0 && liveCoroutines() == 0, timeoutNanos);
        if (!clean) {
            List<Task<?>> left = ownedSnapshot();
            for (Task<?> t : left) {
                t.cancelNow();
            }
        }
        local.clear();
        while (inject.pop() != null) {
            // dropped: every task was cancelled through the owned list
        }
        reportUnobserved();
        stopBlockedWorkerDetector();
        closeDrivers();
        return clean;
    }

    @Override
    public boolean isWorkerThread() {
        return Carrier.current() == driver;
    }

    @Override
    public List<? extends WorkerStats> workerStats() {
        return statsList;
    }

    /** @return the tasks other threads queued that the driver has not taken yet (counted: O(n)) */
    @Override
    public int globalQueueDepth() {
        return inject.len();
    }

    /** The waker of the future given to blockOn. */
    private final class MainWaker implements Waker, Context {
        /** Set by wake(), cleared by the driver before it polls the main future. */
        volatile boolean woken;

        @Override
        public void wake() {
            woken = true; // volatile write, then read parked: see class notes
            if (Carrier.current() != driver) {
                unparkDriver();
            }
        }

        @Override
        public Waker waker() {
            return this;
        }
    }
}
