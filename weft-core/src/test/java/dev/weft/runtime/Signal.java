package dev.weft.runtime;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/** A poll-based future completed by the test from any thread; counts polls and cancels. */
class Signal<T> implements Future<T> {
    private volatile Poll<T> result;
    private volatile Waker waker;
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();

    @Override
    public Poll<T> poll(Context cx) {
        polls.incrementAndGet();
        Poll<T> r = result;
        if (r != null) {
            return r;
        }
        waker = cx.waker();
        r = result;
        return r != null ? r : Poll.pending();
    }

    @Override
    public void cancel() {
        cancels.incrementAndGet();
    }

    void complete(T value) {
        finish(Poll.ready(value));
    }

    void fail(Throwable t) {
        finish(Poll.failed(t));
    }

    private void finish(Poll<T> p) {
        result = p;
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }
}
