package dev.weft.runtime.jfr;

/**
 * The runtime's one door to its JFR events. Every event has an {@code ...Enabled()} guard for
 * the hot path and an emitter that allocates the event only when a recording wants it.
 *
 * <p>Implementation notes. A guard asks a static final instance of the event class
 * ({@code Event.isEnabled()}): once the JDK instrumented the class (when JFR starts), that is a
 * load of the class's static configuration and of its "committable" flag, and before JFR ever
 * started it is the base class's constant {@code false}, which the JIT folds away. Callers test
 * the guard, then call the emitter; emitters re-check with {@code shouldCommit()} (a recording
 * may have stopped in between, or set a threshold).
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

    private WeftEvents() {
    }

    /** @return whether a recording wants {@code dev.weft.TaskSpawned} */
    public static boolean taskSpawnedEnabled() {
        return SPAWNED.isEnabled();
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
        return FINISHED.isEnabled();
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
        return LONG_POLL.isEnabled();
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
        return PARKED.isEnabled() || UNPARKED.isEnabled();
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
