package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import java.io.IOException;
import java.util.Optional;

/** {@link AsyncBufRead#readLine}: one line. Not cancel-safe: a partial line goes with it. */
final class ReadLineFuture implements IoFuture<Optional<String>> {
    private static final Poll<Optional<String>> READY_END = Poll.ready(Optional.empty());

    private LineReader lines; // null once completed or cancelled

    ReadLineFuture(AsyncBufRead src) {
        this.lines = new LineReader(src, Integer.MAX_VALUE - 9);
    }

    @Override
    public Poll<Optional<String>> poll(Context cx) {
        LineReader l = lines;
        if (l == null) {
            throw new IllegalStateException("readLine future polled after it completed or was cancelled");
        }
        String s;
        try {
            s = l.poll(cx);
        } catch (IOException e) {
            lines = null;
            return Poll.failed(e);
        }
        if (s == null) {
            return Poll.pending();
        }
        lines = null;
        return s == LineReader.END ? READY_END : Poll.ready(Optional.of(s));
    }

    @Override
    public void cancel() {
        lines = null;
    }
}
