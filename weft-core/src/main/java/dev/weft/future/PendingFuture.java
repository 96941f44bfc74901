package dev.weft.future;

/**
 * {@link Futures#pending}: never completes. It never needs a wake-up, so returning
 * {@code Pending} without registering the waker keeps the pending contract. Stateless, hence
 * one shared instance.
 */
final class PendingFuture implements Future<Object> {
    static final PendingFuture INSTANCE = new PendingFuture();

    private PendingFuture() {
    }

    @Override
    public Poll<Object> poll(Context cx) {
        return Poll.pending();
    }

    @Override
    public String toString() {
        return "PendingFuture";
    }
}
