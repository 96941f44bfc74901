package dev.weft.future;

/** {@link Stream#of} and {@link Stream#empty}: the items of an array, never pending. */
final class ArrayStream<T> implements Stream<T> {
    static final Object[] NO_ITEMS = {};

    private Object[] items; // null once ended or cancelled; each element non-null, a T
    private int next;

    ArrayStream(Object[] items) {
        this.items = items;
    }

    @Override
    @SuppressWarnings("unchecked") // every element is a T (see Stream.of)
    public Poll<T> pollNext(Context cx) {
        Object[] a = items;
        if (a == null) {
            throw new IllegalStateException("stream polled after it ended or was cancelled");
        }
        if (next == a.length) {
            items = null;
            return Stream.end();
        }
        return Poll.ready((T) a[next++]);
    }

    @Override
    public void cancel() {
        items = null;
    }
}
