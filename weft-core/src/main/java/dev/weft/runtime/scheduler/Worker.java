package dev.weft.runtime.scheduler;

import dev.weft.future.internal.Carrier;
import dev.weft.future.internal.Suspender;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.runtime.jfr.WeftEvents;
import dev.weft.runtime.jfr.WorkerUnparkedEvent;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker of the multi-thread scheduler: a platform thread with its own run queue and LIFO
 * slot, that runs tasks and coroutine continuations, steals when idle, and parks — in the time
 * driver if it can take it.
 *
 * <p>Implementation notes. {@code lifo}, {@code tick}, {@code searching}, {@code mounted},
 * {@code mountedForBlockOn} and the suspender's budget are owner-only. {@code sleeping} is
 * guarded by {@link Idle}'s lock (volatile for the owner's unlocked re-checks). Metric counters
 * live in {@link RunStats} (opaque stores by the owner, opaque loads by anyone). What runs now,
 * for the blocked-worker {@link Watchdog}, is one more opaque store per run; it is cleared only
 * when the worker parks, so right after a run it still names that run (the watchdog checks the
 * stack before it blames a task).
 */
final class Worker implements Runnable, WorkerStats {
    /** Tasks run from the LIFO slot in a row before it yields to the queue (Tokio: 3). */
    static final int MAX_LIFO_POLLS = 3;
    /** Below this many queued tasks, an idle worker takes one task at a time from the injection queue. */
    static final int INJECT_BATCH_FROM = 64;

    final MultiThreadScheduler sched;
    final int index;
    final LocalQueue run;
    /** Tasks bound to this worker ({@code Task.home}) woken elsewhere: any thread pushes, the owner pops. */
    final InjectQueue remote = new InjectQueue(16);
    WorkerThread thread;
    Runnable lifo;
    Coroutine<?> mounted;
    /** Whether {@code mounted} is a coroutine given to blockOn: what it schedules goes to the injection queue. */
    boolean mountedForBlockOn;
    final WorkerSuspender suspender = new WorkerSuspender(true);
    /** This worker's counters, shared with the metrics and the blocked-worker watchdog. */
    final RunStats stats = new RunStats();
    private int tick;
    private boolean searching;
    private int seed;
    volatile boolean sleeping;

    Worker(MultiThreadScheduler sched, int index, int queueCapacity) {
        this.sched = sched;
        this.index = index;
        this.run = new LocalQueue(queueCapacity);
        this.seed = 0x9E3779B9 * (index + 1);
    }

    void unparkThread() {
        WorkerThread t = thread;
        if (t != null) {
            sched.unparkWorker(this, t);
        }
    }

    // ---- scheduling from this worker -------------------------------------------------------

    /** Queues {@code r} from this worker's thread: LIFO slot for a wake, the back for a yield. */
    void scheduleLocal(Runnable r, boolean yield) {
        if (yield || sched.shuttingDown) {
            pushBack(r);
            return;
        }
        Runnable prev = lifo;
        lifo = r;
        if (prev != null) {
            pushBack(prev);
        }
    }

    /** Queues a task bound to this worker from another thread, and wakes this worker if it sleeps. */
    void pushRemote(Runnable r) {
        if (remote.push(r)) { // publication, then wakeWorker reads sleeping: see Idle
            sched.idle.wakeWorker(this, sched.workers);
        }
    }

    private void pushBack(Runnable r) {
        if (!run.pushBack(r, sched.inject)) {
            return; // overflow closed: shutting down, tasks are cancelled through the owned list
        }
        sched.notifyParked();
    }

    // ---- the loop ---------------------------------------------------------------------------

    @Override
    public void run() {
        RuntimeContext.enter(sched);
        Suspender.install(suspender);
        sched.onThreadStart();
        stats.enter(Thread.currentThread());
        try {
            while (!sched.shuttingDown) {
                tick++;
                if (tick % sched.eventInterval == 0) {
                    sched.maintenance(this);
                }
                Runnable task = nextTask();
                if (task == null) {
                    task = steal();
                }
                if (task != null) {
                    runTask(task);
                    continue;
                }
                park();
                stats.afterPark();
            }
        } finally {
            stats.exit();
            sched.onThreadStop();
            Suspender.install(null);
            RuntimeContext.enter(null);
        }
    }

    private Runnable nextTask() {
        Runnable t;
        if (!remote.isEmpty()) { // volatile read: pairs with pushRemote's publication
            t = remote.pop();
            if (t != null) {
                return t;
            }
        }
        if (tick % sched.globalQueueInterval == 0) {
            t = sched.inject.pop();
            if (t != null) {
                return t;
            }
        }
        t = lifo;
        if (t != null) {
            lifo = null;
            return t;
        }
        t = run.pop();
        if (t != null) {
            return t;
        }
        return takeFromInject();
    }

    /**
     * Takes work from the injection queue: one task while the queue is short, else a batch
     * (Tokio's {@code len / workers + 1}) moved into this worker's queue. A batch waits here behind
     * its first task while the workers woken for the rest start the tasks queued after it, and a
     * coroutine task's first run (tens of microseconds of not yet compiled code) lasts as long as
     * a wake-up: the seeds' bounded crawler, spawning five tasks from its main coroutine, saw its
     * fourth task take a semaphore permit before the second or third. Taken one at a time, a
     * burst from outside the workers starts in the order it was queued; a long queue keeps the
     * batches, whose saved lock round trips matter more there than the order of its tail.
     */
    private Runnable takeFromInject() {
        int len = sched.inject.len(); // volatile read: pairs with the queue's writes under its lock
        if (len == 0) {
            return null;
        }
        if (len < INJECT_BATCH_FROM) {
            return sched.inject.pop();
        }
        int n = Math.min(len / sched.workers.length + 1, run.remainingSlots() / 2 + 1);
        return sched.inject.popInto(run, Math.max(1, Math.min(n, 128)));
    }

    private Runnable steal() {
        if (!searching) {
            if (!sched.idle.tryStartSearching()) {
                return null;
            }
            searching = true;
        }
        Worker[] all = sched.workers;
        int n = all.length;
        int start = nextRandom(n);
        for (int i = 0; i < n; i++) {
            Worker victim = all[(start + i) % n];
            if (victim == this || !victim.run.hasTasks()) {
                continue;
            }
            int before = run.len();
            Runnable t = victim.run.stealInto(run);
            if (t != null) {
                stats.onSteal(1 + (run.len() - before));
                return t;
            }
        }
        return takeFromInject();
    }

    private int nextRandom(int bound) {
        int x = seed; // xorshift: cheap, owner-only
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return Math.floorMod(x, bound);
    }

    private void runTask(Runnable task) {
        if (searching) {
            searching = false;
            if (sched.idle.stopSearching()) {
                sched.notifyParked(); // the last searcher found work: keep one searching
            }
        }
        boolean timed = WeftEvents.longPollEnabled(); // once per batch: a recording wants long polls
        runOne(task, timed);
        for (int lifoPolls = 0; lifo != null; lifoPolls++) {
            Runnable next = lifo;
            lifo = null;
            if (lifoPolls >= MAX_LIFO_POLLS || sched.shuttingDown) {
                // Two tasks waking each other must not starve the queue. With nothing else queued,
                // this worker runs it next: waking a sleeper for it only moves the pair between
                // workers (ping-pong on 2 workers made a futex call every 13 round trips).
                if (run.len() == 0 && !sched.shuttingDown) {
                    run.pushBack(next, sched.inject);
                } else {
                    pushBack(next);
                }
                break;
            }
            runOne(next, timed);
        }
    }

    private void runOne(Runnable task, boolean timed) {
        if (task instanceof Task<?> t && t.bindsToWorker()) {
            Object home = t.home;
            if (home == null) {
                t.home = this; // volatile write before the first poll: every later wake finds it
            } else if (home != this) {
                ((Worker) home).pushRemote(t); // stolen or taken from the injection queue: send it home
                return;
            }
        }
        suspender.resetBudget();
        stats.onPoll(task); // the watchdog reads (polls, current) as "this run"
        if (timed) {
            LongPolls.run(sched, task);
        } else {
            task.run();
        }
    }

    /**
     * Runs a coroutine's continuation on this worker.
     *
     * @param forBlockOn whether it is a coroutine given to blockOn (it schedules remotely)
     */
    void runCoroutine(Coroutine<?> c, Runnable continuation, boolean forBlockOn) {
        Coroutine<?> prev = mounted;
        boolean prevForBlockOn = mountedForBlockOn;
        mounted = c;
        mountedForBlockOn = forBlockOn;
        try {
            continuation.run();
        } finally {
            mounted = prev;
            mountedForBlockOn = prevForBlockOn;
        }
    }

    // ---- parking ----------------------------------------------------------------------------

    private void park() {
        WorkerUnparkedEvent event = WeftEvents.workerParkEnabled() // a few loads unless recorded
                ? WeftEvents.workerParked(sched.runtimeName(), index) : null;
        stats.beforePark(); // parked is not blocked, and no finished task is kept
        boolean last = sched.idle.park(this, searching);
        searching = false;
        if (last && sched.hasStealableWork()) { // not a LIFO slot: a woken sleeper could not take it
            sched.notifyParked();
        }
        sched.onWorkerParked();
        boolean notified = false;
        while (!sched.shuttingDown) {
            if (sleeping && !remote.isEmpty()) { // volatile reads after park's registration: see Idle.wakeWorker
                notified = !sched.idle.unparkSelf(this);
                break;
            }
            if (!sleeping) { // volatile read: a notifier took this worker off the sleeper stack
                notified = true;
                break;
            }
            sched.parkWorker(this);
            if (sleeping && (lifo != null || run.hasTasks() || !remote.isEmpty())) {
                // the driver fired timers on this thread and their tasks landed here
                notified = !sched.idle.unparkSelf(this);
                sched.notifyParked(); // a sleeper may share the work, and takes the driver over
                break;
            }
        }
        searching = notified; // a notifier counts the worker it wakes as searching
        if (event != null) {
            WeftEvents.workerUnparked(event);
        }
    }

    /** @return whether this worker's thread is the caller's carrier (platform or via a coroutine) */
    boolean isCurrent() {
        Thread t = Carrier.current();
        return t == thread || (mounted != null && mounted.thread() == t);
    }

    // ---- metrics ----------------------------------------------------------------------------

    @Override
    public long polls() {
        return stats.polls();
    }

    @Override
    public long steals() {
        return stats.steals();
    }

    @Override
    public long stealOps() {
        return stats.stealOps();
    }

    @Override
    public long parks() {
        return stats.parks();
    }

    @Override
    public long busyNanos() {
        return stats.busyNanos();
    }

    @Override
    public int localQueueDepth() {
        return run.len();
    }

    @Override
    public Thread thread() {
        return thread;
    }

    @Override
    public Object currentPoll() {
        return stats.currentPoll();
    }
}
