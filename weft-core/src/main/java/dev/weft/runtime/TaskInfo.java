package dev.weft.runtime;

import dev.weft.future.internal.Args;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One live task in a {@link TaskDump}: what it is, what it is doing, and where it waits.
 *
 * {@snippet :
 * for (TaskInfo t : Handle.current().dumpTasks().tasks()) {
 *     if (t.state() == TaskInfo.State.IDLE && t.sinceLastPoll().orElse(Duration.ZERO).toSeconds() > 60) {
 *         System.out.println("stuck? " + t);      // id, name, state, spawn location, await stack
 *     }
 * }
 * }
 *
 * @param id the task's id
 * @param name its {@linkplain JoinHandle#name() name}
 * @param state what it is doing
 * @param coroutine whether it runs a coroutine (else a poll-based future)
 * @param abortRequested whether {@link JoinHandle#abort()} was called and the task has not yet
 *        run its cancellation
 * @param futureClass the class of its future; for a coroutine, of the coroutine's body
 * @param spawnLocation the frame that spawned it, when the runtime was built with
 *        {@link RuntimeBuilder#captureSpawnLocations(boolean) captureSpawnLocations(true)}
 * @param sinceLastPoll how long ago a thread last started polling it (for a coroutine: last ran
 *        it), empty if never. Approximate: workers stamp a coarse clock, so this may exceed the
 *        true time by the length of up to 63 runs before that poll on the same worker, usually
 *        microseconds
 * @param stack for a coroutine suspended in an {@code await} ({@link State#IDLE}) or blocked in a
 *        JDK call ({@link State#BLOCKED}): its stack from the {@code await} call (or the blocking
 *        call) down to the coroutine's body, Weft's own frames trimmed; otherwise empty
 */
public record TaskInfo(long id, String name, State state, boolean coroutine, boolean abortRequested,
        String futureClass, Optional<StackTraceElement> spawnLocation, Optional<Duration> sinceLastPoll,
        List<StackTraceElement> stack) {

    /** What a task is doing when the dump looks at it. */
    public enum State {
        /** Woken, waiting in a run queue for a thread to poll it. */
        SCHEDULED,
        /** A thread is polling it now (for a coroutine: its code runs). */
        RUNNING,
        /** Being polled, and woken meanwhile: it will be polled again right after. */
        NOTIFIED,
        /** Waiting for a wake-up: a pending poll-based future, or a coroutine suspended in {@code await}. */
        IDLE,
        /** A coroutine inside a blocking JDK call ({@code Thread.sleep}, a lock, a socket stream). */
        BLOCKED
    }

    /**
     * Checks the components and copies the stack into an unmodifiable list.
     *
     * @throws IllegalArgumentException if a reference argument is null
     */
    public TaskInfo {
        Args.notNull(name, "name");
        Args.notNull(state, "state");
        Args.notNull(futureClass, "futureClass");
        Args.notNull(spawnLocation, "spawnLocation");
        Args.notNull(sinceLastPoll, "sinceLastPoll");
        stack = List.copyOf(Args.notNull(stack, "stack"));
    }

    /**
     * One line for the task, then its stack, one frame per line:
     * <pre>
     * task 3 "waiter" IDLE, coroutine, last polled 12 ms ago, spawned at com.example.Main.run(Main.java:40)
     *     at dev.weft.sync.Oneshot$Receiver.await(Oneshot.java:226)
     *     at com.example.Main.lambda$run$0(Main.java:41)
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(128 + 80 * stack.size());
        b.append("task ").append(id).append(" \"").append(name).append("\" ").append(state);
        if (abortRequested) {
            b.append(" (abort requested)");
        }
        b.append(coroutine ? ", coroutine" : ", future " + futureClass);
        b.append(sinceLastPoll.map(d -> ", last polled " + d.toMillis() + " ms ago").orElse(", never polled"));
        b.append(", spawned at ").append(spawnLocation.map(StackTraceElement::toString)
                .orElse("unknown (enable RuntimeBuilder.captureSpawnLocations)"));
        for (StackTraceElement e : stack) {
            b.append("\n    at ").append(e);
        }
        return b.toString();
    }
}
