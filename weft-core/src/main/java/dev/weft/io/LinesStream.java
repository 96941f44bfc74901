package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import java.io.IOException;

/**
 * {@link AsyncBufRead#lines} and {@link Framed#lines}: a stream of lines. A partial line stays in
 * the stream between polls, so a cancelled {@code next()} loses nothing.
 */
final class LinesStream implements Stream<String> {
    private LineReader lines; // null once ended, failed or cancelled

    LinesStream(AsyncBufRead src, int maxLength) {
        this.lines = new LineReader(src, maxLength);
    }

    @Override
    public Poll<String> pollNext(Context cx) {
        LineReader l = lines;
        if (l == null) {
            throw new IllegalStateException("lines stream polled after it ended, failed or was cancelled");
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
        if (s == LineReader.END) {
            lines = null;
            return Stream.end();
        }
        return Poll.ready(s);
    }

    @Override
    public void cancel() {
        lines = null;
    }
}
