package dev.weft.time;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.future.Waker;
import java.util.ArrayDeque;

/** A stream fed by the test (from any thread): push, end and fail wake the latest poller. Counts cancels. */
final class FedStream<T> implements Stream<T> {
    private final ArrayDeque<Poll<T>> queue = new ArrayDeque<>();
    private Waker waker;
    private int cancels;

    @Override
    public synchronized Poll<T> pollNext(Context cx) {
        waker = cx.waker();
        Poll<T> p = queue.poll();
        return p == null ? Poll.pending() : p;
    }

    @Override
    public synchronized void cancel() {
        cancels++;
    }

    FedStream<T> push(T item) {
        return add(Poll.ready(item));
    }

    FedStream<T> end() {
        return add(Stream.end());
    }

    FedStream<T> fail(Throwable e) {
        return add(Poll.failed(e));
    }

    private FedStream<T> add(Poll<T> p) {
        Waker w;
        synchronized (this) {
            queue.add(p);
            w = waker;
        }
        if (w != null) {
            w.wake();
        }
        return this;
    }

    synchronized int cancels() {
        return cancels;
    }
}
