package dev.weft.test;

import dev.weft.runtime.RuntimeMetrics;
import dev.weft.runtime.TaskDump;

/**
 * What the leak check found alive besides the test's own coroutine.
 *
 * @param tasks spawned tasks not completed (coroutine tasks included), the test body's own excluded
 * @param coroutines coroutines not finished, the test body's own excluded (coroutine tasks included)
 * @param blocking blocking tasks queued or running
 * @param dump the runtime's task dump when the leak was found (names, spawn lines, await stacks),
 *        or empty while the figures are still being watched
 */
record Leftovers(int tasks, int coroutines, int blocking, String dump) {

    /**
     * Reads the figures; called from the test body's coroutine, a task of the runtime, which
     * counts as one alive task and one live coroutine.
     */
    static Leftovers of(RuntimeMetrics m) {
        return new Leftovers(Math.max(0, m.aliveTasks() - 1), Math.max(0, m.liveCoroutines() - 1),
                m.blockingInFlight(), "");
    }

    /** @return these figures with {@code dump}, the runtime's live tasks other than the body */
    Leftovers withDump(TaskDump dump) {
        return new Leftovers(tasks, coroutines, blocking, dump.toString());
    }

    boolean isEmpty() {
        return tasks == 0 && coroutines == 0 && blocking == 0;
    }

    @Override
    public String toString() {
        return count(tasks, "task") + ", " + count(coroutines, "coroutine") + " besides the test's own, "
                + count(blocking, "blocking task");
    }

    static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
