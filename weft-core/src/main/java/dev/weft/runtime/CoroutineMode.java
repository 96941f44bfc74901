package dev.weft.runtime;

/**
 * Where and how coroutines run: virtual threads (on Weft's workers or the JDK's scheduler), or
 * continuations resumed by Weft's tasks. Chosen once per JVM from the flags it was started with.
 *
 * {@snippet :
 * if (Handle.current().coroutineMode() == CoroutineMode.JDK_SCHEDULER) {
 *     System.out.println("start the JVM with --add-opens java.base/java.lang=ALL-UNNAMED");
 * }
 * }
 */
public enum CoroutineMode {
    /**
     * Coroutines are virtual threads scheduled by the Weft runtime itself: on a current-thread
     * runtime they all run on its one thread. Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}
     * (or {@code =dev.weft} on the module path).
     */
    WEFT_SCHEDULER,
    /**
     * Coroutines are virtual threads on the JDK's default scheduler; timers, channels and the
     * reactor are Weft's all the same, but a current-thread runtime cannot keep them on its thread.
     */
    JDK_SCHEDULER,
    /**
     * Coroutines are continuations ({@code jdk.internal.vm.Continuation}) resumed by the task
     * that polls them, on the runtime's own threads: no thread object per coroutine, the
     * cheapest switch the JVM offers. Needs {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}.
     * {@code Thread.currentThread()} inside such a coroutine is the worker that resumed it (it
     * stays the same: a started coroutine never changes threads), thread-locals are that
     * worker's, a blocking JDK call blocks that worker and the other coroutines bound to it,
     * and a monitor ({@code synchronized}) held across an {@code await} stays held, so another
     * coroutine of that worker that enters it blocks the worker: use {@code dev.weft.sync.Mutex}
     * around awaits. An {@code Async.async} future must be awaited on the thread that first
     * polled it (it fails with {@link IllegalStateException} elsewhere).
     */
    CONTINUATION
}
