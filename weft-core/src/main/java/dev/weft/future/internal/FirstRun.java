package dev.weft.future.internal;

/**
 * A future whose first poll may only start its work elsewhere (a coroutine on a virtual thread:
 * the first poll queues the thread, which runs later). A poller that must see that first run
 * before it decides, as a timeout whose deadline already passed does (Tokio polls the future
 * once first), asks {@link #awaitFirstRun()}.
 */
public interface FirstRun {
    /**
     * @return true if the first run has not ended yet; the newest poller's waker is then woken
     *     when it ends. False: poll again and decide.
     */
    boolean awaitFirstRun();
}
