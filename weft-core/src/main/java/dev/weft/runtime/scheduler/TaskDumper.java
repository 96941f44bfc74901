package dev.weft.runtime.scheduler;

import static dev.weft.runtime.scheduler.TaskState.CANCELLED;
import static dev.weft.runtime.scheduler.TaskState.COMPLETE;
import static dev.weft.runtime.scheduler.TaskState.NOTIFIED;
import static dev.weft.runtime.scheduler.TaskState.RUNNING;
import static dev.weft.runtime.scheduler.TaskState.has;

import dev.weft.future.Future;
import dev.weft.runtime.TaskInfo;
import dev.weft.runtime.TaskInfo.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Describes tasks for the task dump, from any thread, without stopping anyone.
 *
 * <p>Implementation notes. Every read is racy by design: the state word with acquire, the
 * future and the time stamps plainly (a task that completes meanwhile is skipped or shows its
 * last state). The only costly step is the stack of a coroutine that waits (suspended in an
 * {@code await}, or blocked in a JDK call): {@link Thread#getStackTrace()} of an unmounted
 * virtual thread, which holds that coroutine back (not a worker) for the few microseconds of
 * the walk; a wake-up meanwhile is resubmitted by the JDK afterwards. Running coroutines are not
 * walked, so no worker is ever stopped, nor are runnable ones (the JDK would resubmit a thread
 * that is already queued).
 */
final class TaskDumper {
    private TaskDumper() {
    }

    /** @return an entry for each task of {@code tasks} that has not completed */
    static List<TaskInfo> describe(List<Task<?>> tasks, Map<Task<?>, StackTraceElement> spawnLocations) {
        List<TaskInfo> out = new ArrayList<>(tasks.size());
        int now = Stamps.now();
        for (Task<?> t : tasks) {
            int s = t.stateForDump();
            if (has(s, COMPLETE)) {
                continue;
            }
            Future<?> f = t.futureForDump();
            Object body = t.coroutineForDump(); // the coroutine, or its body before the first run
            Coroutine<?> co = body instanceof Coroutine<?> c ? c : null;
            State state = stateOf(s, co);
            long age = Stamps.ageMillis(t.lastPoll, now);
            if (co != null) {
                long coAge = Stamps.ageMillis(co.lastRun, now);
                age = age < 0 ? coAge : coAge < 0 ? age : Math.min(age, coAge); // the latest of the two
            }
            List<StackTraceElement> stack = co != null && (state == State.IDLE || state == State.BLOCKED)
                    ? waitingStack(co) : List.of();
            String futureClass = co != null ? co.bodyClass().getName() : body != null ? body.getClass().getName()
                    : f != null ? f.getClass().getName() : "";
            out.add(new TaskInfo(t.id(), t.name(), state, t.isCoroutineTask(), has(s, CANCELLED), futureClass,
                    Optional.ofNullable(spawnLocations == null ? null : spawnLocations.get(t)),
                    age < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(age)), stack));
        }
        return out;
    }

    /**
     * The stack of a coroutine that waits, or empty if it does not wait any more. The JDK walks an
     * unmounted virtual thread by suspending it, and resubmits it afterwards if it was runnable;
     * so this walks only a thread seen parked: a coroutine still unmounting (in JDK mode, on a
     * carrier of its own) is given a moment to finish, and one woken meanwhile is left alone.
     */
    private static List<StackTraceElement> waitingStack(Coroutine<?> co) {
        if (co.onContinuation()) {
            StackTraceElement[] st = co.continuationStack(); // null if it runs now
            return st == null ? List.of() : userFrames(st);
        }
        Thread thread = co.thread();
        for (int i = 0; i < 1_000 && thread.getState() == Thread.State.RUNNABLE; i++) {
            if (!co.isSuspended()) {
                return List.of(); // woken: it runs again
            }
            Thread.yield(); // still unmounting (a wake first leaves the suspended state)
        }
        if (thread.getState() == Thread.State.RUNNABLE) {
            return List.of();
        }
        return userFrames(thread.getStackTrace());
    }

    private static State stateOf(int s, Coroutine<?> co) {
        if (has(s, RUNNING)) {
            return has(s, NOTIFIED) ? State.NOTIFIED : State.RUNNING;
        }
        if (has(s, NOTIFIED)) {
            return State.SCHEDULED;
        }
        if (co == null) {
            return State.IDLE; // a pending poll-based future
        }
        // The task waits for its coroutine: what the coroutine does is what the task does.
        if (co.onContinuation()) {
            return co.isDone() || !co.isStarted() ? State.SCHEDULED : co.isSuspended() ? State.IDLE : State.RUNNING;
        }
        Thread thread = co.thread();
        if (thread == null || co.isDone()) {
            return State.SCHEDULED; // about to be polled (first poll, or the coroutine just ended)
        }
        if (co.isSuspended()) {
            return State.IDLE;
        }
        return switch (thread.getState()) {
            case WAITING, TIMED_WAITING, BLOCKED -> State.BLOCKED;
            default -> co.isMounted() ? State.RUNNING : State.SCHEDULED;
        };
    }

    /**
     * Trims a coroutine's stack to what its author wrote: from the {@code await} call (or, when
     * it is blocked in the JDK, the first frame past the virtual-thread machinery) down to the
     * frame above {@code Coroutine.callBody}.
     */
    static List<StackTraceElement> userFrames(StackTraceElement[] stack) {
        int from = -1;
        for (int i = 0; i < stack.length && from < 0; i++) {
            if (stack[i].getMethodName().equals("await")
                    && !stack[i].getClassName().startsWith("dev.weft.future.internal.")) {
                from = i;
            }
        }
        for (int i = 0; i < stack.length && from < 0; i++) {
            if (!isMachinery(stack[i].getClassName())) {
                from = i;
            }
        }
        if (from < 0) {
            return List.of();
        }
        int to = from;
        while (to < stack.length && !(stack[to].getClassName().equals(Coroutine.class.getName())
                && stack[to].getMethodName().equals("callBody"))) { // the frame that calls the body, in either engine
            to++;
        }
        return Arrays.asList(Arrays.copyOfRange(stack, from, to));
    }

    private static boolean isMachinery(String className) {
        return className.startsWith("jdk.internal.") || className.equals("java.lang.VirtualThread")
                || className.equals("java.util.concurrent.locks.LockSupport")
                || className.startsWith("dev.weft.runtime.scheduler.")
                || className.startsWith("dev.weft.future.internal.");
    }
}
