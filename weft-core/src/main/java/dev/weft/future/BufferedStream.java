package dev.weft.future;

import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * {@link Stream#mapAsync} and {@link Stream#mapAsyncUnordered} (Rust's {@code buffered} and
 * {@code buffer_unordered}): turns each item of the source into a future and runs up to
 * {@code limit} of them at once in a {@link FuturesUnordered}.
 *
 * <p>Each poll first pulls items from the source while fewer than {@code limit} are in flight
 * (running, or completed and waiting for their turn in ordered mode), then polls the set. In
 * ordered mode each future carries its sequence number; outputs that complete ahead of their
 * turn wait in a heap until every earlier one was yielded. Any failure (the source's, a
 * future's, the mapper's) is terminal at once: the source and every future in flight are
 * cancelled.
 */
final class BufferedStream<T, U> implements Stream<U> {

    /** A future's output with its sequence number. */
    private record Indexed<U>(long index, U value) {
    }

    private Stream<T> source; // null once it ended (or failed, or was cancelled)
    private final Function<? super T, ? extends Future<? extends U>> fn;
    private final int limit;
    private final FuturesUnordered<Indexed<U>> running = new FuturesUnordered<>();
    private final PriorityQueue<Indexed<U>> waiting; // ordered mode only: done ahead of their turn
    private long pushed;   // sequence number of the next future
    private long yielded;  // sequence number of the next output to yield (ordered mode)
    private boolean finished;

    BufferedStream(Stream<T> source, int limit, Function<? super T, ? extends Future<? extends U>> fn,
            boolean ordered) {
        this.source = source;
        this.limit = limit;
        this.fn = fn;
        this.waiting = ordered ? new PriorityQueue<>((a, b) -> Long.compare(a.index, b.index)) : null;
    }

    @Override
    public Poll<U> pollNext(Context cx) {
        if (finished) {
            throw new IllegalStateException("mapAsync stream polled after it ended, failed or was cancelled");
        }
        Poll<U> filled = fill(cx);
        if (filled != null) {
            return filled;
        }
        for (;;) {
            if (waiting != null && !waiting.isEmpty() && waiting.peek().index == yielded) {
                return emit(waiting.poll());
            }
            if (running.isEmpty()) {
                if (source == null) {
                    finished = true;
                    return Stream.end();
                }
                return Poll.pending(); // the source is pending (it was just polled)
            }
            Poll<Indexed<U>> p = running.pollNext(cx);
            switch (p) {
                case Poll.Pending<Indexed<U>> pending -> {
                    return Poll.pending();
                }
                case Poll.Failed<Indexed<U>> failed -> {
                    return abandon(failed.error()); // the set cancelled its other members
                }
                case Poll.Ready<Indexed<U>> ready -> {
                    Indexed<U> out = ready.value();
                    if (waiting == null || out.index == yielded) {
                        return emit(out);
                    }
                    waiting.add(out);
                }
            }
        }
    }

    /**
     * Pulls items from the source into futures while fewer than {@code limit} are in flight.
     *
     * @return a failure to return, or null to go on
     */
    private Poll<U> fill(Context cx) {
        while (source != null && inFlight() < limit) {
            Poll<T> p = source.pollNext(cx);
            switch (p) {
                case Poll.Pending<T> pending -> {
                    return null;
                }
                case Poll.Failed<T> failed -> {
                    source = null;
                    return abandon(failed.error());
                }
                case Poll.Ready<T> ready -> {
                    T item = ready.value();
                    if (item == StreamEnd.MARKER) {
                        source = null;
                        return null;
                    }
                    if (item == null) {
                        return abandon(StreamEnd.nullItem("mapAsync"));
                    }
                    Future<? extends U> f;
                    try {
                        f = fn.apply(item);
                    } catch (RuntimeException | Error e) {
                        return abandon(e);
                    }
                    if (f == null) {
                        return abandon(new NullPointerException("mapAsync: the function returned null for an item"));
                    }
                    long index = pushed++;
                    running.push(f.map(v -> new Indexed<U>(index, v)));
                }
            }
        }
        return null;
    }

    private int inFlight() {
        return running.len() + (waiting == null ? 0 : waiting.size());
    }

    private Poll<U> emit(Indexed<U> out) {
        yielded++;
        if (out.value == null) {
            return abandon(new NullPointerException("mapAsync: a future completed with null (items must not be null)"));
        }
        return Poll.ready(out.value);
    }

    /** Fails with {@code error}, cancelling the source and every future in flight. */
    private Poll<U> abandon(Throwable error) {
        return Children.failCancelling(this::cancel, error);
    }

    @Override
    public void cancel() {
        if (finished) {
            return;
        }
        finished = true;
        Stream<T> s = source;
        source = null;
        try {
            running.cancel(); // does nothing if the set already failed
        } finally {
            if (s != null) {
                s.cancel();
            }
        }
    }
}
