package dev.weft.future;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@link Futures#joinAll}: waits for every child and records each one's {@link Outcome}, never
 * failing fast. Each poll polls, in order, every child not completed yet, all with the caller's
 * context, so {@code Pending} is returned only when a child just returned it. An exception
 * escaping a child's {@code poll} is that child's failure.
 */
final class JoinAllFuture<T> implements Future<List<Outcome<T>>> {
    private final Future<?>[] children; // slot set to null once that child completed or was cancelled
    private final Outcome<?>[] outcomes;
    private int remaining;
    private boolean done;

    JoinAllFuture(Future<?>[] children) {
        this.children = children;
        this.outcomes = new Outcome<?>[children.length];
        this.remaining = children.length;
    }

    @Override
    @SuppressWarnings("unchecked") // every outcome came from a Future<? extends T>
    public Poll<List<Outcome<T>>> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("joinAll future polled after completion");
        }
        for (int i = 0; i < children.length && remaining > 0; i++) {
            Future<?> f = children[i];
            if (f == null) {
                continue;
            }
            Poll<?> p;
            try {
                p = f.poll(cx);
            } catch (RuntimeException | Error e) {
                p = Poll.failed(e);
            }
            if (p.isReady()) {
                children[i] = null;
                outcomes[i] = Outcome.of(p);
                remaining--;
            }
        }
        if (remaining > 0) {
            return Poll.pending();
        }
        done = true;
        List<Outcome<T>> list = new ArrayList<>(outcomes.length);
        for (Outcome<?> o : outcomes) {
            list.add((Outcome<T>) o);
        }
        return Poll.ready(Collections.unmodifiableList(list));
    }

    @Override
    public void cancel() {
        if (!done) {
            done = true;
            Children.cancelAll(children);
        }
    }
}
