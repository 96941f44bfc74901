package dev.weft.runtime;

import dev.weft.runtime.blocking.BlockingCounters;
import dev.weft.runtime.scheduler.CurrentThreadScheduler;
import dev.weft.runtime.scheduler.MultiThreadScheduler;
import dev.weft.runtime.scheduler.Scheduler;
import dev.weft.runtime.scheduler.WorkerStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a runtime is doing, taken from {@link Handle#metrics()}: tasks, queues, each worker's
 * polls, steals, parks and busy time, the blocking pool, and the coroutines.
 *
 * <p><b>Eventually consistent.</b> A snapshot is taken without stopping or slowing the runtime:
 * each figure is read on its own while the workers keep running, so figures of one snapshot may
 * disagree a little (a poll counted in one worker while its task still shows as alive), and a
 * figure may lag the work just done by a few microseconds. Counters only grow; compare two
 * snapshots to see a rate. Taking a snapshot costs a few reads per worker and allocates the
 * snapshot; for it, the workers' hot path pays only opaque stores, as cheap as plain ones.
 *
 * <p>For the current-thread flavor there is one worker: the thread inside {@code blockOn} (its
 * polls include those of the future given to {@code blockOn}; it never steals).
 *
 * {@snippet :
 * try (Runtime rt = Runtime.builder().workerThreads(2).enableAll().build()) {
 *     rt.blockOn(Async.async(() -> { ... }));
 *     RuntimeMetrics m = rt.handle().metrics();
 *     System.out.println(m);                        // a readable summary, one line per worker
 *     long polls = m.totalPolls();
 *     Duration busy = m.workers().get(0).busyTime();
 * }
 * }
 */
public final class RuntimeMetrics {
    private final String flavor;
    private final int aliveTasks;
    private final int globalQueueDepth;
    private final List<Worker> workers;
    private final int blockingThreads;
    private final int idleBlockingThreads;
    private final int blockingQueueDepth;
    private final int blockingInFlight;
    private final CoroutineMode coroutineMode;
    private final int liveCoroutines;
    private final IoDriver ioDriver;
    private final int ioRegistrations;
    private final long ioReadyEvents;
    private final OptionalLong seed;

    private RuntimeMetrics(Scheduler s) {
        this.seed = s instanceof CurrentThreadScheduler c ? c.seed() : OptionalLong.empty();
        this.flavor = s instanceof MultiThreadScheduler ? "multi-thread"
                : seed.isPresent() ? "deterministic, seed 0x" + Long.toHexString(seed.getAsLong()) : "current-thread";
        this.aliveTasks = s.aliveTasks();
        this.globalQueueDepth = s.globalQueueDepth();
        List<? extends WorkerStats> stats = s.workerStats();
        List<Worker> ws = new ArrayList<>(stats.size());
        for (int i = 0; i < stats.size(); i++) {
            WorkerStats w = stats.get(i);
            Thread t = w.thread();
            ws.add(new Worker(i, t == null ? "" : t.getName(), w.polls(), w.steals(), w.stealOps(), w.parks(),
                    w.localQueueDepth(), Duration.ofNanos(w.busyNanos())));
        }
        this.workers = List.copyOf(ws);
        BlockingCounters b = s.blockingCounters();
        this.blockingThreads = b.threads();
        this.idleBlockingThreads = b.idleThreads();
        this.blockingQueueDepth = b.queueDepth();
        this.blockingInFlight = b.inFlight();
        this.coroutineMode = s.coroutineMode();
        this.liveCoroutines = s.liveCoroutines();
        var io = s.ioDriverOrNull();
        this.ioDriver = io == null ? null : IoDriver.of(io);
        this.ioRegistrations = io == null ? 0 : io.registrations();
        this.ioReadyEvents = io == null ? 0 : io.events();
    }

    static RuntimeMetrics of(Scheduler s) {
        return new RuntimeMetrics(s);
    }

    /** {@return the seed of a deterministic runtime ({@link RuntimeBuilder#deterministic(long)}), or empty} */
    public OptionalLong seed() {
        return seed;
    }

    /** {@return how many workers the runtime has (1 for the current-thread flavor)} */
    public int workerCount() {
        return workers.size();
    }

    /** {@return each worker's figures, by index} */
    public List<Worker> workers() {
        return workers;
    }

    /**
     * {@return tasks spawned and not yet completed} A task is counted out before its completion
     * is published: once a join of it has ended, or {@link JoinHandle#isFinished()} said so, a
     * snapshot taken after that does not count it.
     */
    public int aliveTasks() {
        return aliveTasks;
    }

    /**
     * {@return tasks waiting in the global injection queue: work scheduled from outside the
     *         workers (spawns and wakes from other threads) that no worker has taken yet}
     */
    public int globalQueueDepth() {
        return globalQueueDepth;
    }

    /** {@return the sum of every worker's {@link Worker#polls()}} */
    public long totalPolls() {
        long n = 0;
        for (Worker w : workers) {
            n += w.polls();
        }
        return n;
    }

    /** {@return the sum of every worker's {@link Worker#steals()}} */
    public long totalSteals() {
        long n = 0;
        for (Worker w : workers) {
            n += w.steals();
        }
        return n;
    }

    /** {@return the sum of every worker's {@link Worker#parks()}} */
    public long totalParks() {
        long n = 0;
        for (Worker w : workers) {
            n += w.parks();
        }
        return n;
    }

    // Blocking pool figures: zero until the pool (spawnBlocking) reports them through
    // Scheduler.blockingCounters().

    /** {@return threads of the blocking pool, running a body or idle} */
    public int blockingThreads() {
        return blockingThreads;
    }

    /** {@return threads of the blocking pool waiting for work} */
    public int idleBlockingThreads() {
        return idleBlockingThreads;
    }

    /** {@return blocking tasks waiting for a thread of the pool} */
    public int blockingQueueDepth() {
        return blockingQueueDepth;
    }

    /** {@return blocking tasks queued or running} */
    public int blockingInFlight() {
        return blockingInFlight;
    }

    /** {@return which mechanism runs coroutines in this JVM} */
    public CoroutineMode coroutineMode() {
        return coroutineMode;
    }

    /** {@return coroutines started and not finished} */
    public int liveCoroutines() {
        return liveCoroutines;
    }

    /** {@return the I/O driver this runtime's sockets use, or empty if I/O is not enabled} */
    public Optional<IoDriver> ioDriver() {
        return Optional.ofNullable(ioDriver);
    }

    /** {@return sockets and other channels registered with the I/O driver now (0 without I/O)} */
    public int ioRegistrations() {
        return ioRegistrations;
    }

    /** {@return readiness events the I/O driver has delivered since the start (0 without I/O)} */
    public long ioReadyEvents() {
        return ioReadyEvents;
    }

    /**
     * A readable summary, one line per worker:
     * <pre>
     * Weft runtime (multi-thread, 2 workers, coroutines: WEFT_SCHEDULER)
     *   tasks: 3 alive, 0 in the global queue; coroutines: 1 live
     *   blocking pool: 0 threads (0 idle), 0 queued, 0 in flight
     *   I/O driver (NIO): 4 registrations, 1532 ready events
     *   worker 0 [weft-worker-0]: 1200 polls, 40 stolen in 3 steals, 12 parks, 0 queued, busy 35 ms
     *   worker 1 [weft-worker-1]: ...
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(160 + 100 * workers.size());
        b.append("Weft runtime (").append(flavor).append(", ").append(workers.size())
                .append(workers.size() == 1 ? " worker" : " workers")
                .append(", coroutines: ").append(coroutineMode).append(")\n");
        b.append("  tasks: ").append(aliveTasks).append(" alive, ").append(globalQueueDepth)
                .append(" in the global queue; coroutines: ").append(liveCoroutines).append(" live\n");
        b.append("  blocking pool: ").append(blockingThreads).append(" threads (").append(idleBlockingThreads)
                .append(" idle), ").append(blockingQueueDepth).append(" queued, ").append(blockingInFlight)
                .append(" in flight");
        b.append("\n  I/O driver").append(ioDriver == null ? "" : " (" + ioDriver + ")").append(": ").append(ioRegistrations).append(" registrations, ").append(ioReadyEvents)
                .append(" ready events");
        for (Worker w : workers) {
            b.append("\n  ").append(w);
        }
        return b.toString();
    }

    /**
     * One worker's figures. Counters count from the runtime's start.
     *
     * {@snippet :
     * for (RuntimeMetrics.Worker w : Handle.current().metrics().workers()) {
     *     System.out.println(w.threadName() + ": " + w.polls() + " polls, busy " + w.busyTime());
     * }
     * }
     *
     * @param index the worker's index, from 0
     * @param threadName its thread's name; for the current-thread flavor the thread driving it
     *        now, or empty when no thread is inside {@code blockOn}
     * @param polls runs of a task or coroutine continuation
     * @param steals tasks it took from other workers' queues
     * @param stealOperations successful steals, each taking one task or more
     * @param parks times it went to sleep for lack of work
     * @param localQueueDepth tasks waiting in its own queue (current-thread flavor: as of the
     *        start of its last turn)
     * @param busyTime time spent awake, from wake-up to park, as of its last park (a worker
     *        that has been busy since it last parked shows the time up to then)
     */
    public record Worker(int index, String threadName, long polls, long steals, long stealOperations, long parks,
            int localQueueDepth, Duration busyTime) {

        @Override
        public String toString() {
            return "worker " + index + " [" + threadName + "]: " + polls + " polls, " + steals + " stolen in "
                    + stealOperations + " steals, " + parks + " parks, " + localQueueDepth + " queued, busy "
                    + busyTime.toMillis() + " ms";
        }
    }
}
