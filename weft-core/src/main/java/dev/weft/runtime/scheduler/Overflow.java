package dev.weft.runtime.scheduler;

/**
 * Where a full {@link LocalQueue} sends work: in the multi-thread scheduler, the global
 * {@link InjectQueue}. Called only by the local queue's owner thread, from
 * {@link LocalQueue#pushBack}.
 */
interface Overflow {
    /**
     * Takes one task.
     *
     * @return false if the overflow is closed and did not take the task (runtime shutdown)
     */
    boolean push(Runnable task);

    /**
     * Takes {@code tasks[0..count)} in order. The array is the caller's scratch space: copy the
     * tasks out, keep no reference to it.
     *
     * @return false if the overflow is closed and took none of the tasks (runtime shutdown)
     */
    boolean pushBatch(Runnable[] tasks, int count);
}
