package dev.weft.future;

/** {@link Futures#ready} and {@link Futures#failed}: completes at its first poll with a fixed result. */
final class ReadyFuture<T> implements Future<T> {
    private Poll<T> result; // null once handed out

    ReadyFuture(Poll<T> result) {
        this.result = result;
    }

    @Override
    public Poll<T> poll(Context cx) {
        Poll<T> r = result;
        if (r == null) {
            throw new IllegalStateException("ready future polled after completion");
        }
        result = null;
        return r;
    }

    @Override
    public String toString() {
        return "ReadyFuture[" + result + "]";
    }
}
