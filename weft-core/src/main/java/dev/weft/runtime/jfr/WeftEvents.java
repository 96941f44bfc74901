package dev.weft.runtime.jfr;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The runtime's one door to its JFR events. Every event has an {@code ...Enabled()} guard for
 * the hot path and an emitter that allocates the event only when a recording wants it.
 *
 * <p>Implementation notes. The hot-path guards read one static {@code int}, a mask of the events
 * some recording wants, with an opaque load: a single load from a line that is written only when
 * the mask changes. Asking the event classes themselves ({@code isEnabled()} of a static final
 * instance) costs a chain of three dependent loads once JFR has instrumented them, which
 * measured 8–13% on the runtime's shortest paths (a yield, a spawn) while a default recording
 * ran with Weft's events off. So workers {@link #refresh()} the mask from the event classes every
 * 64 runs and when they wake up (the builder and the blocked-worker detector refresh it too):
 * an event a recording just enabled starts at most that much later, and emitters re-check
 * {@code shouldCommit()}, so a stale mask never records an event no recording wants.
 *
 * {@snippet :
 * if (WeftEvents.taskSpawnedEnabled()) {                    // a few loads when not recording
 *     WeftEvents.taskSpawned(runtimeName, task.id(), task.name(), isCoroutine);
 * }
 * }
 */
public final class WeftEvents {
    private static final TaskSpawnedEvent SPAWNED = new TaskSpawnedEvent();
    private static final TaskFinishedEvent FINISHED = new TaskFinishedEvent();
    private static final LongPollEvent LONG_POLL = new LongPollEvent();
    private static final WorkerParkedEvent PARKED = new WorkerParkedEvent();
    private static final WorkerUnparkedEvent UNPARKED = new WorkerUnparkedEvent();
    private static final BlockedWorkerEvent BLOCKED = new BlockedWorkerEvent();

    /** The top frames of a blocked stack kept in {@code dev.weft.BlockedWorker}. */
    static final int MAX_BLOCKED_FRAMES = 64;

    private static final int TASK_SPAWNED = 1;
    private static final int TASK_FINISHED = 1 << 1;
    private static final int LONG_POLL_BIT = 1 << 2;
    private static final int WORKER_PARK = 1 << 3;
    private static final VarHandle MASK;

    static {
        try {
            MASK = MethodHandles.lookup().findStaticVarHandle(WeftEvents.class, "mask", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through MASK
    private static int mask;

    private WeftEvents() {
    }

    /**
     * Re-reads which events recordings want. Cheap (a dozen loads); called by workers every 64
     * runs and after parking, by the builder, and by the blocked-worker detector.
     */
    public static void refresh() {
        int m = (SPAWNED.isEnabled() ? TASK_SPAWNED : 0) | (FINISHED.isEnabled() ? TASK_FINISHED : 0)
                | (LONG_POLL.isEnabled() ? LONG_POLL_BIT : 0)
                | (PARKED.isEnabled() || UNPARKED.isEnabled() ? WORKER_PARK : 0);
        if (m != (int) MASK.getOpaque()) {
            MASK.setOpaque(m); // opaque, written only on change: the guards' opaque loads see it soon
        }
    }

    private static boolean wanted(int bit) {
        return ((int) MASK.getOpaque() & bit) != 0; // opaque: pairs with refresh(); staleness is allowed
    }

    /** @return whether a recording wants {@code dev.weft.TaskSpawned} */
    public static boolean taskSpawnedEnabled() {
        return wanted(TASK_SPAWNED);
    }

    /**
     * Commits {@code dev.weft.TaskSpawned}; call on the spawning thread (its stack is recorded).
     *
     * @param runtime the runtime's name
     * @param taskId the task's id
     * @param taskName the task's name
     * @param coroutine whether the task runs a coroutine
     */
    public static void taskSpawned(String runtime, long taskId, String taskName, boolean coroutine) {
        TaskSpawnedEvent e = new TaskSpawnedEvent();
        if (e.shouldCommit()) {
            e.runtime = runtime;
            e.taskId = taskId;
            e.taskName = taskName;
            e.coroutine = coroutine;
            e.commit();
        }
    }

    /** @return whether a recording wants {@code dev.weft.TaskFinished} */
    public static boolean taskFinishedEnabled() {
        return wanted(TASK_FINISHED);
    }

    /**
     * Commits {@code dev.weft.TaskFinished}.
     *
     * @param runtime the runtime's name
     * @param taskId the task's id
     * @param taskName the task's name
     * @param outcome {@code ok}, {@code failed} or {@code cancelled}
     * @param failure the failure's class name, or null
     */
    public static void taskFinished(String runtime, long taskId, String taskName, String outcome, String failure) {
        TaskFinishedEvent e = new TaskFinishedEvent();
        if (e.shouldCommit()) {
            e.runtime = runtime;
            e.taskId = taskId;
            e.taskName = taskName;
            e.outcome = outcome;
            e.failure = failure;
            e.commit();
        }
    }

    /** @return whether a recording wants {@code dev.weft.LongPoll} */
    public static boolean longPollEnabled() {
        return wanted(LONG_POLL_BIT);
    }

    /** @return a started {@code dev.weft.LongPoll}, to pass to {@link #longPoll} after the poll */
    public static LongPollEvent beginLongPoll() {
        LongPollEvent e = new LongPollEvent();
        e.begin();
        return e;
    }

    /**
     * Ends and commits a long poll begun with {@link #beginLongPoll()}, on the polling thread.
     *
     * @param e the event
     * @param runtime the runtime's name
     * @param taskId the task's id, or 0
     * @param taskName the task's name, or what else was polled
     * @param coroutine whether a coroutine ran
     * @param futureClass the polled future's class name (a coroutine's body's)
     */
    public static void longPoll(LongPollEvent e, String runtime, long taskId, String taskName, boolean coroutine,
            String futureClass) {
        e.end();
        if (e.shouldCommit()) {
            e.runtime = runtime;
            e.taskId = taskId;
            e.taskName = taskName;
            e.coroutine = coroutine;
            e.futureClass = futureClass;
            e.commit();
        }
    }

    /** @return whether a recording wants {@code dev.weft.WorkerParked} or {@code dev.weft.WorkerUnparked} */
    public static boolean workerParkEnabled() {
        return wanted(WORKER_PARK);
    }

    /**
     * Commits {@code dev.weft.WorkerParked} and begins {@code dev.weft.WorkerUnparked}.
     *
     * @param runtime the runtime's name
     * @param worker the worker's index
     * @return the begun unparked event, for {@link #workerUnparked}
     */
    public static WorkerUnparkedEvent workerParked(String runtime, int worker) {
        WorkerParkedEvent p = new WorkerParkedEvent();
        if (p.shouldCommit()) {
            p.runtime = runtime;
            p.worker = worker;
            p.commit();
        }
        WorkerUnparkedEvent u = new WorkerUnparkedEvent();
        u.runtime = runtime;
        u.worker = worker;
        u.begin();
        return u;
    }

    /**
     * Commits {@code dev.weft.WorkerUnparked}: its duration is the time since {@link #workerParked}.
     *
     * @param u the event {@link #workerParked} returned
     */
    public static void workerUnparked(WorkerUnparkedEvent u) {
        u.end();
        if (u.shouldCommit()) {
            u.commit();
        }
    }

    /** @return whether a recording wants {@code dev.weft.BlockedWorker} */
    public static boolean blockedWorkerEnabled() {
        return BLOCKED.isEnabled();
    }

    /**
     * Commits {@code dev.weft.BlockedWorker}.
     *
     * @param runtime the runtime's name
     * @param worker the blocked thread
     * @param taskId the task's id, or 0
     * @param taskName the task's name, or what else runs
     * @param coroutine whether a coroutine runs
     * @param blockedNanos how long it had run when seen
     * @param stack the blocked thread's stack
     */
    public static void blockedWorker(String runtime, Thread worker, long taskId, String taskName, boolean coroutine,
            long blockedNanos, java.util.List<StackTraceElement> stack) {
        BlockedWorkerEvent e = new BlockedWorkerEvent();
        if (e.shouldCommit()) {
            e.runtime = runtime;
            e.workerThread = worker;
            e.taskId = taskId;
            e.taskName = taskName;
            e.coroutine = coroutine;
            e.blockedFor = blockedNanos;
            StringBuilder b = new StringBuilder(64 * Math.min(stack.size(), MAX_BLOCKED_FRAMES));
            for (int i = 0; i < stack.size() && i < MAX_BLOCKED_FRAMES; i++) {
                b.append(stack.get(i)).append('\n');
            }
            e.blockedStack = b.toString();
            e.commit();
        }
    }
}
