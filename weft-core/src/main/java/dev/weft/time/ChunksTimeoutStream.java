package dev.weft.time;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@link Time#chunksTimeout}: the items of a stream in batches, each emitted when it holds
 * {@code maxSize} items or when {@code duration} has passed since its first item. One
 * {@link Sleep} is the timer of every batch, armed at the batch's first item.
 *
 * <p>At the end of the inner stream the partial batch is emitted, then the end; at its failure
 * the partial batch is emitted, then the failure: no item is lost.
 */
final class ChunksTimeoutStream<T> implements Stream<List<T>> {
    private Stream<T> inner; // null once it ended, failed or was cancelled
    private final Sleep timer;
    private final int maxSize;
    private final Duration duration;
    private ArrayList<T> batch = new ArrayList<>();
    private Poll<List<T>> last; // the end or failure to give after the last batch
    private boolean finished;

    ChunksTimeoutStream(Sleep timer, Stream<T> inner, int maxSize, Duration duration) {
        this.timer = timer;
        this.inner = inner;
        this.maxSize = maxSize;
        this.duration = duration;
    }

    @Override
    public Poll<List<T>> pollNext(Context cx) {
        if (finished) {
            throw new IllegalStateException("chunksTimeout stream polled after it ended, failed or was cancelled");
        }
        Stream<T> s = inner;
        if (s == null) { // the last batch went out: now the end or failure
            finished = true;
            return last;
        }
        for (;;) { // at most maxSize items per poll, so bounded
            Poll<T> p = s.pollNext(cx);
            if (p.isPending()) {
                return !batch.isEmpty() && timer.pollElapsed(cx) ? emit() : Poll.pending();
            }
            if (!(p instanceof Poll.Ready<T> ready) || Stream.isEnd(p)) {
                inner = null;
                last = Stream.isEnd(p) ? Stream.end() : Poll.failed(((Poll.Failed<T>) p).error());
                if (batch.isEmpty()) {
                    finished = true;
                    return last;
                }
                return emit();
            }
            if (ready.value() == null) {
                cancel();
                return Poll.failed(new NullPointerException("chunksTimeout: the stream produced a null item"));
            }
            if (batch.isEmpty()) {
                timer.setDeadline(Nanos.deadline(timer.clock.nanoTime(), duration));
            }
            batch.add(ready.value());
            if (batch.size() == maxSize) {
                return emit();
            }
        }
    }

    private Poll<List<T>> emit() {
        List<T> out = Collections.unmodifiableList(batch);
        batch = new ArrayList<>();
        timer.unregister();
        return Poll.ready(out);
    }

    @Override
    public void cancel() {
        finished = true;
        batch = null;
        timer.unregister();
        Stream<T> s = inner;
        inner = null;
        if (s != null) {
            s.cancel();
        }
    }
}
