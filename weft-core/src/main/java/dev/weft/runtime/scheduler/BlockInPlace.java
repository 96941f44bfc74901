package dev.weft.runtime.scheduler;

import dev.weft.future.internal.Suspender;
import dev.weft.runtime.internal.RuntimeContext;
import java.util.concurrent.Callable;

/**
 * {@code Weft.blockInPlace}: runs a blocking body on the calling thread, telling the runtime of
 * that thread first (Tokio's {@code block_in_place}). A worker polling a poll-based task hands
 * its queued tasks over first ({@link TaskHost#beforeBlockInPlace()}: the current-thread flavor
 * refuses); a coroutine, a blocking thread or a thread outside any runtime just runs the body.
 * The body counts as blocking work, so a paused clock holds still while it runs. The
 * blocked-worker detector does not report a worker inside {@link #run} (it finds this frame).
 */
public final class BlockInPlace {
    private BlockInPlace() {
    }

    /**
     * @param body the blocking code (not null: checked by the caller)
     * @param <T> its result type
     * @return its result
     * @throws Exception the body's failure, as it is
     * @throws IllegalStateException on the thread of a current-thread runtime polling a task
     */
    public static <T> T run(Callable<T> body) throws Exception {
        if (!(RuntimeContext.current() instanceof TaskHost h)) {
            return body.call(); // not a runtime's thread: nothing to hand over
        }
        Scheduler rt = h.runtimeScheduler(); // a LocalSet's blocking work counts in its runtime
        boolean worker = !(Suspender.installed() instanceof Coroutine) && h.isWorkerThread();
        if (worker) {
            h.beforeBlockInPlace(); // current-thread: refuses; multi-thread: hands its queue over
        }
        rt.blockingStarted();
        try {
            return body.call();
        } finally {
            try {
                if (worker) {
                    h.afterBlockInPlace();
                }
            } finally {
                rt.blockingFinished();
            }
        }
    }
}
