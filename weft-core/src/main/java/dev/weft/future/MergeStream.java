package dev.weft.future;

/**
 * {@link Stream#merge}: the items of several streams as they come. Each poll goes round the
 * streams that have not ended, starting just after the one that gave the previous item, so an
 * always-ready stream cannot starve the others (round robin); it returns the first item found.
 * {@code Pending} is returned only when every live stream just returned it, so each registered
 * the caller's waker. A failure (or a {@code null} item) of one stream fails the merge and
 * cancels the others.
 */
final class MergeStream<T> implements Stream<T> {
    private final Stream<?>[] streams; // slot cleared once that stream ended, failed or was cancelled
    private int live;
    private int next; // where the next poll starts
    private boolean finished;

    /** @param streams each a {@code Stream<? extends T>}; owned from now on */
    MergeStream(Stream<?>[] streams) {
        this.streams = streams;
        this.live = streams.length;
    }

    @Override
    @SuppressWarnings("unchecked") // every stream is a Stream<? extends T>
    public Poll<T> pollNext(Context cx) {
        if (finished) {
            throw new IllegalStateException("merged stream polled after it ended, failed or was cancelled");
        }
        int n = streams.length;
        for (int k = 0; k < n && live > 0; k++) {
            int i = next + k < n ? next + k : next + k - n;
            Stream<?> s = streams[i];
            if (s == null) {
                continue;
            }
            Poll<?> p;
            try {
                p = s.pollNext(cx);
            } catch (RuntimeException | Error e) {
                p = Poll.failed(e);
            }
            switch (p) {
                case Poll.Pending<?> pending -> { }
                case Poll.Failed<?> failed -> {
                    streams[i] = null;
                    return fail(failed.error());
                }
                case Poll.Ready<?> ready -> {
                    Object item = ready.value();
                    if (item == StreamEnd.MARKER) {
                        streams[i] = null;
                        live--;
                        continue;
                    }
                    if (item == null) {
                        return fail(StreamEnd.nullItem("merge"));
                    }
                    next = i + 1 < n ? i + 1 : 0;
                    return (Poll<T>) ready;
                }
            }
        }
        if (live == 0) {
            finished = true;
            return Stream.end();
        }
        return Poll.pending();
    }

    private Poll<T> fail(Throwable error) {
        return Children.failCancelling(this::cancel, error);
    }

    /** Cancels every stream that has not ended, once each. */
    @Override
    public void cancel() {
        if (finished) {
            return;
        }
        finished = true;
        Children.cancelAll(streams);
    }
}
