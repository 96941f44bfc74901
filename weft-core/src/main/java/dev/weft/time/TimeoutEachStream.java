package dev.weft.time;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import java.time.Duration;

/**
 * {@link Time#timeoutEach}: the items of a stream, failing with {@link Elapsed} when the next
 * item takes longer than the duration. One {@link Sleep} is the timer for every gap: it is
 * armed at the first poll and moved (not re-allocated) after each item.
 */
final class TimeoutEachStream<T> implements Stream<T> {
    private Stream<T> inner; // null once finished
    private final Sleep gap;
    private final Duration duration;
    private boolean started;

    TimeoutEachStream(Sleep gap, Duration duration, Stream<T> inner) {
        this.gap = gap;
        this.duration = duration;
        this.inner = inner;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        Stream<T> s = inner;
        if (s == null) {
            throw new IllegalStateException("timeoutEach stream polled after it ended, failed or was cancelled");
        }
        if (!started) {
            started = true;
            restart();
        }
        Poll<T> p = s.pollNext(cx);
        if (p.isPending()) {
            if (!gap.pollElapsed(cx)) {
                return p;
            }
            inner = null;
            s.cancel();
            return Poll.failed(new Elapsed("no item within " + Nanos.describe(duration)));
        }
        if (!(p instanceof Poll.Ready<T> ready) || Stream.isEnd(p)) { // failed or ended
            inner = null;
            gap.unregister();
            return p;
        }
        if (ready.value() == null) {
            cancel();
            return Poll.failed(new NullPointerException("timeoutEach: the stream produced a null item"));
        }
        restart();
        return p;
    }

    /** Sets the deadline for the next item: {@code duration} from now. */
    private void restart() {
        gap.setDeadline(Nanos.deadline(gap.clock.nanoTime(), duration));
    }

    @Override
    public void cancel() {
        Stream<T> s = inner;
        inner = null;
        gap.unregister();
        if (s != null) {
            s.cancel();
        }
    }
}
