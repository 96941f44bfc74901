package dev.weft.future;

/**
 * {@link Stream#take}: the first {@code n} items of the inner stream. The inner stream is
 * cancelled as soon as the {@code n}-th item is out (or at the first poll when {@code n} is 0),
 * not at the next poll, so what it holds is released early.
 */
final class TakeStream<T> implements Stream<T> {
    private Stream<T> inner; // null once it ended, failed or was cancelled
    private long remaining;
    private boolean finished;

    TakeStream(Stream<T> inner, long n) {
        this.inner = inner;
        this.remaining = n;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        if (finished) {
            throw new IllegalStateException("take stream polled after it ended, failed or was cancelled");
        }
        if (remaining == 0) {
            finished = true;
            cancelInner();
            return Stream.end();
        }
        Poll<T> p = inner.pollNext(cx);
        if (p.isPending()) {
            return p;
        }
        if (!(p instanceof Poll.Ready<T> ready) || ready.value() == StreamEnd.MARKER) { // failed or ended
            finished = true;
            inner = null;
            return p;
        }
        if (ready.value() == null) {
            finished = true;
            cancelInner();
            return Poll.failed(StreamEnd.nullItem("take"));
        }
        if (--remaining == 0) {
            cancelInner();
        }
        return p;
    }

    private void cancelInner() {
        Stream<T> s = inner;
        inner = null;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void cancel() {
        finished = true;
        cancelInner();
    }
}
