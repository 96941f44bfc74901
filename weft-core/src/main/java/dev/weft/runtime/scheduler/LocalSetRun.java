package dev.weft.runtime.scheduler;

import dev.weft.future.CancelledException;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.internal.Await;
import dev.weft.runtime.internal.RuntimeContext;

/**
 * The future of {@code LocalSet.runUntil(future)}: each poll polls the given future in the
 * set's context and, while it is pending, runs a batch of the set's ready work (Tokio's
 * {@code RunUntil}).
 *
 * <p>Implementation notes. A poll checks the thread (see {@link LocalSetScheduler#enterRun}),
 * stores its waker as the set's waker, claims the set, polls the given future, runs at most
 * {@link LocalSetScheduler#BATCH} entries, lets go of the set and re-wakes itself if work is left.
 * The given future is polled with this poll's context, so its own wakes go straight to the
 * poller. Like every future, this one belongs to one owner at a time; it is not thread-safe.
 *
 * @param <T> the value type
 */
public final class LocalSetRun<T> implements Future<T> {
    private final LocalSetScheduler set;
    private Future<T> future;
    private boolean started;
    private boolean done;

    LocalSetRun(LocalSetScheduler set, Future<T> future) {
        this.set = set;
        this.future = future;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("runUntil future polled after it completed");
        }
        Thread me = Thread.currentThread();
        RuntimeContext outer = RuntimeContext.current();
        set.enterRun(me, outer);
        if (!started) {
            started = true;
            set.activeRuns.incrementAndGet();
        }
        set.setWaker = cx.waker(); // volatile write before the queues are drained: see LocalSetScheduler
        if (!set.tryClaim(me)) {
            return Poll.pending(); // a closing thread runs the set's work now; it wakes setWaker after
        }
        boolean more;
        RuntimeContext.enter(set);
        try {
            Poll<T> p = TaskHost.pollCatching(future, cx);
            if (p.isReady()) {
                finish();
                return p; // work left in the set waits for the next run
            }
            more = set.tick(LocalSetScheduler.BATCH);
        } finally {
            RuntimeContext.enter(outer);
            set.release();
        }
        if (more) {
            cx.waker().wake(); // batch spent: let the poller's other work run, then come back
        }
        return Poll.pending();
    }

    private void finish() {
        done = true;
        future = null;
        set.runEnded();
    }

    /**
     * Cancels the given future; the set's tasks stay queued for the next run (or for close).
     */
    @Override
    public void cancel() {
        if (done) {
            return;
        }
        done = true;
        Future<T> f = future;
        future = null;
        if (started) {
            set.runEnded();
        }
        f.cancel();
    }

    /**
     * In a coroutine of a one-thread scheduler (a current-thread runtime, or another set),
     * drives the set from a task of that scheduler, so the set's thread is that scheduler's
     * platform thread and can run the set's coroutines; anywhere else, polls it here.
     */
    @Override
    public T await() throws Exception {
        if (!started && Thread.currentThread().isVirtual()
                && RuntimeContext.current() instanceof TaskHost s
                && (s instanceof CurrentThreadScheduler || s instanceof LocalSetScheduler)) {
            Task<T> t = s.spawn(this);
            try {
                return t.await();
            } catch (CancelledException e) {
                t.abort(); // the awaiting coroutine was cancelled: cancel the run on its thread
                throw e;
            }
        }
        return Await.await(this);
    }

    @Override
    public String toString() {
        return "LocalSetRun[" + set + (done ? ", done]" : "]");
    }
}
