package dev.weft.test;

import dev.weft.runtime.RuntimeMetrics;

/**
 * What the leak check found alive besides the test's own coroutine.
 *
 * @param tasks spawned tasks not completed (coroutine tasks included)
 * @param coroutines coroutines not finished, the test body's own excluded (coroutine tasks included)
 * @param blocking blocking tasks queued or running
 */
record Leftovers(int tasks, int coroutines, int blocking) {

    /** Reads the figures; called from the test body's coroutine, which counts as one live coroutine. */
    static Leftovers of(RuntimeMetrics m) {
        return new Leftovers(m.aliveTasks(), Math.max(0, m.liveCoroutines() - 1), m.blockingInFlight());
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
