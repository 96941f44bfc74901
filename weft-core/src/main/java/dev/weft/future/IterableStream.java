package dev.weft.future;

import java.util.Iterator;

/** {@link Stream#fromIterable}: the items of an iterable, never pending. */
final class IterableStream<T> implements Stream<T> {
    private Iterable<? extends T> source; // null once the iterator is made
    private Iterator<? extends T> it;
    private boolean finished;

    IterableStream(Iterable<? extends T> source) {
        this.source = source;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        if (finished) {
            throw new IllegalStateException("stream polled after it ended, failed or was cancelled");
        }
        T item;
        try {
            if (it == null) {
                it = source.iterator();
                source = null;
                if (it == null) {
                    return finish(Poll.failed(new NullPointerException("fromIterable: iterator() returned null")));
                }
            }
            if (!it.hasNext()) {
                return finish(Stream.end());
            }
            item = it.next();
        } catch (RuntimeException | Error e) {
            return finish(Poll.failed(e));
        }
        if (item == null) {
            return finish(Poll.failed(StreamEnd.nullItem("fromIterable")));
        }
        return Poll.ready(item);
    }

    private Poll<T> finish(Poll<T> last) {
        finished = true;
        it = null;
        source = null;
        return last;
    }

    @Override
    public void cancel() {
        finish(null);
    }
}
