package dev.weft.compat;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import java.util.ArrayList;
import java.util.List;

/**
 * 0, 1, 2... up to {@code limit} items (then the end), never pending; counts items taken and
 * cancels, records the thread of each cancel and every misuse (poll after the end or cancel,
 * cancel twice). Polled by one thread at a time, read by the test after the runtime settled.
 */
final class CountingStream implements Stream<Integer> {
    private final long limit;
    private final List<String> misuse = new ArrayList<>();
    private int taken;
    private int cancels;
    private boolean finished;
    volatile Thread cancelledOn;

    CountingStream(long limit) {
        this.limit = limit;
    }

    @Override
    public synchronized Poll<Integer> pollNext(Context cx) {
        if (finished) {
            misuse.add("polled after it finished or was cancelled");
        }
        if (taken == limit) {
            finished = true;
            return Stream.end();
        }
        return Poll.ready(taken++);
    }

    @Override
    public synchronized void cancel() {
        if (++cancels > 1) {
            misuse.add("cancelled " + cancels + " times");
        }
        if (finished) {
            misuse.add("cancelled after it finished");
        }
        finished = true;
        cancelledOn = Thread.currentThread();
    }

    synchronized int taken() {
        return taken;
    }

    synchronized int cancels() {
        return cancels;
    }

    synchronized List<String> misuse() {
        return List.copyOf(misuse);
    }
}
