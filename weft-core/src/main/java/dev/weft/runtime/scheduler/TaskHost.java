package dev.weft.runtime.scheduler;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.TaskInfo;
import dev.weft.runtime.UncaughtFailureHandler;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.runtime.internal.UnjoinedFailures;
import dev.weft.runtime.jfr.WeftEvents;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What tasks and coroutines need from whatever runs them, a runtime's {@link Scheduler} or a
 * {@link LocalSetScheduler}: spawning and queueing, and three single-purpose parts: the tasks it
 * owns ({@link OwnedTasks}: ids, the intrusive list shutdown walks, the closed bit), the failures
 * nobody joined ({@link UnjoinedFailures}), and the counts a paused clock reads
 * ({@link ActivityCounts}). Drivers, the blocking pool and {@code blockOn} belong to a runtime's
 * scheduler only; a LocalSet reaches its runtime's through {@link #runtimeScheduler()}.
 */
public abstract class TaskHost extends RuntimeContext {
    final OwnedTasks owned = new OwnedTasks();
    final UnjoinedFailures failures;
    final ActivityCounts counts;
    private final CoroutineMode coroutineMode;
    private final ObserveConfig observe;
    /** Where this host's virtual-thread coroutines start ({@link CoroutineContainer}), or null for the JDK's root. */
    final Object coroutineContainer;

    /**
     * @param countActive whether running coroutines are counted (a paused clock may read them)
     * @param failureHandler where failures nobody joined go
     * @param coroutineMode where coroutines spawned here run
     * @param observe name, long-poll threshold and spawn-location capture
     */
    TaskHost(boolean countActive, UncaughtFailureHandler failureHandler, CoroutineMode coroutineMode,
            ObserveConfig observe) {
        this.counts = new ActivityCounts(countActive, this::onCoroutinesIdle);
        this.failures = new UnjoinedFailures(failureHandler);
        this.coroutineMode = coroutineMode;
        this.observe = observe;
        this.coroutineContainer = coroutineMode == CoroutineMode.WEFT_SCHEDULER
                ? CoroutineThreads.newContainer(this, observe.runtimeName) : null;
    }

    /**
     * The scheduler that {@code Handle.current()} (so {@code Weft.spawn}) reaches from this
     * context: a runtime's own scheduler, or for a {@code LocalSet} the runtime the set runs in.
     *
     * @return the runtime's scheduler
     */
    public abstract Scheduler runtimeScheduler();

    /** @return where this runtime's coroutines run */
    public CoroutineMode coroutineMode() {
        return coroutineMode;
    }

    /** @return whether coroutines spawned here are continuations ({@link CoroutineMode#CONTINUATION}) */
    boolean continuations() {
        return coroutineMode == CoroutineMode.CONTINUATION;
    }

    final ObserveConfig observe() {
        return observe;
    }

    /** @return the runtime's name, as in JFR events and task dumps */
    public String runtimeName() {
        return observe.runtimeName;
    }

    // ---- spawning ---------------------------------------------------------------------------

    /** @return a new task id, unique within this runtime (tasks and blocking tasks share them) */
    public long newTaskId() {
        return owned.newId();
    }

    /**
     * Spawns {@code future} as a task.
     *
     * @param future the future
     * @param <T> its output type
     * @return the task, which is also its join handle
     */
    public <T> Task<T> spawn(Future<T> future) {
        return spawn(future, null);
    }

    /**
     * Spawns {@code future} as a task with a name.
     *
     * @param future the future
     * @param name the task's name, or null for the default {@code task-<id>}
     * @param <T> its output type
     * @return the task, which is also its join handle
     */
    public <T> Task<T> spawn(Future<T> future, String name) {
        return spawned(owned.bind(this, future, name));
    }

    /**
     * Spawns {@code body} as a coroutine task of this runtime's mode. The coroutine itself is made
     * by the task's first run, so a queued task holds only its body.
     *
     * @param body the coroutine's code
     * @param name the task's name, or null for the default {@code task-<id>}
     * @param <T> its result type
     * @return the task, which is also its join handle
     */
    public <T> Task<T> spawnCoroutine(Callable<T> body, String name) {
        return spawned(owned.bindCoroutine(this, body, name));
    }

    private <T> Task<T> spawned(Task<T> t) {
        ObserveConfig o = observe;
        if (o.spawnLocations != null) { // only with captureSpawnLocations(true): a stack walk
            SpawnLocations.capture().ifPresent(at -> o.spawnLocations.put(t, at));
        }
        if (WeftEvents.taskSpawnedEnabled()) { // a few loads unless a recording wants the event
            WeftEvents.taskSpawned(o.runtimeName, t.id(), t.name(), t.isCoroutineTask());
        }
        schedule(t);
        return t;
    }

    /** Queues a runnable task or coroutine continuation; callable from any thread. */
    abstract void schedule(Runnable r);

    /** Queues {@code r} behind the other runnable work (a task re-queued after a self-wake). */
    void scheduleYield(Runnable r) {
        schedule(r);
    }

    /**
     * Cancels every task and waits (bounded) for tasks and coroutines to end. Idempotent.
     *
     * @param timeoutNanos how long to wait for them to unwind
     * @return whether everything ended in time
     */
    public abstract boolean shutdown(long timeoutNanos);

    /** @return whether the calling thread is one of this runtime's workers right now */
    public abstract boolean isWorkerThread();

    /**
     * Hook: the calling worker thread (running a poll-based task) is about to run a blocking
     * body in place ({@code blockInPlace}). A multi-thread scheduler hands the worker's queued
     * tasks to other workers here; a flavor that cannot spare its thread throws
     * {@link IllegalStateException}. Default: nothing.
     */
    public void beforeBlockInPlace() {
    }

    /**
     * Hook: the body that {@link #beforeBlockInPlace()} let run has ended, normally or by an
     * exception; the worker resumes its own work. Default: nothing.
     */
    public void afterBlockInPlace() {
    }

    /**
     * Polls {@code future} once; an exception escaping {@code poll} is the future's failure
     * (contract 5), so it never reaches the thread that drives the runtime.
     */
    static <T> Poll<T> pollCatching(Future<T> future, Context cx) {
        try {
            return future.poll(cx);
        } catch (Throwable t) {
            return Poll.failed(t);
        }
    }

    /** @return whether {@link #shutdown} was called */
    public boolean isShutdown() {
        return owned.isClosed();
    }

    /**
     * Refuses new spawns from now on; the first step of every flavor's shutdown.
     *
     * @return whether this call closed the runtime (false: it was closed already)
     */
    final boolean closeSpawning() {
        return owned.close();
    }

    /** @return whether {@code c}'s continuation runs on this runtime's thread now (racy; true if unknown) */
    boolean isMounted(Coroutine<?> c) {
        return true;
    }

    /** Runs a coroutine's continuation; the scheduler may note which coroutine is mounted. */
    void runCoroutine(Coroutine<?> c, Runnable continuation) {
        continuation.run();
    }

    /** Called once when a task completed. */
    void release(Task<?> t) {
        boolean last = owned.remove(t);
        Map<Task<?>, StackTraceElement> at = observe.spawnLocations;
        if (at != null) {
            at.remove(t);
        }
        if (last) {
            onAllTasksDone();
        }
    }

    /** Hook: the alive-task count reached zero. */
    void onAllTasksDone() {
    }

    /** @return tasks alive now (spawned, not completed) */
    public int aliveTasks() {
        return owned.alive();
    }

    /**
     * Describes every alive task, for {@code Handle.dumpTasks()}. Callable from any thread: the
     * owned-task lock is held only to copy the list, never while a task is looked at.
     *
     * @return one entry per alive task, oldest first
     */
    public List<TaskInfo> dumpTasks() {
        List<Task<?>> tasks = ownedSnapshot();
        java.util.Collections.reverse(tasks); // the list is newest first
        return TaskDumper.describe(tasks, observe.spawnLocations);
    }

    /** @return a snapshot of the alive tasks */
    List<Task<?>> ownedSnapshot() {
        return owned.snapshot();
    }

    // ---- activity counts, for the paused clock (ActivityCounts) ---------------------------

    void coroutineStarted() {
        counts.coroutineStarted();
    }

    /** A continuation-engine coroutine started: live, but counted active only by the task that runs it. */
    void continuationStarted() {
        counts.continuationStarted();
    }

    /** A coroutine's body ended (it still counts as running until {@link #coroutineParked()}). */
    void coroutineEnded() {
        counts.coroutineEnded();
    }

    void coroutineParked() {
        counts.coroutineParked();
    }

    void coroutineWoken() {
        counts.coroutineWoken();
    }

    /** Hook: no coroutine is running outside an await, or no blocking work is left (the paused clock may advance). */
    void onCoroutinesIdle() {
    }

    /** @return coroutines started and not finished */
    public int liveCoroutines() {
        return counts.liveCoroutines();
    }

    /** @return coroutines that are running or runnable (not waiting in an await) */
    protected int activeCoroutines() {
        return counts.activeCoroutines();
    }

    // ---- failures (UnjoinedFailures) ----------------------------------------------------------

    void uncaughtFailure(Task<?> t, Throwable e) {
        failures.report(t.id(), e);
    }

    void maybeUnobserved(Task<?> t, Throwable e) {
        if (t.observed) {
            return;
        }
        UnjoinedFailures.Entry u = failures.track(t, t.id(), e);
        t.unobserved = u; // volatile write publishes a complete record to observed()
        if (t.observed) { // volatile re-read: a joiner may have taken the output meanwhile
            observed(t);
        }
    }

    void observed(Task<?> t) {
        UnjoinedFailures.Entry u = t.unobserved;
        if (u != null) {
            u.dismiss();
        }
    }

    /**
     * Starts tracking the failure of a task that nobody joined yet (for task kinds outside this
     * package); see {@link UnjoinedFailures#track}.
     *
     * @param task the object whose reachability bounds the report (the join handle)
     * @param taskId its id
     * @param e the failure
     * @return the entry; the caller dismisses it when a joiner takes the failure
     */
    public UnjoinedFailures.Entry trackUnobserved(Object task, long taskId, Throwable e) {
        return failures.track(task, taskId, e);
    }

    /** Reports every failure still unobserved; called when the runtime closes. */
    protected void reportUnobserved() {
        failures.reportAll();
    }
}
