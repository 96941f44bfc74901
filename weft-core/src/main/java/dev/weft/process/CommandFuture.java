package dev.weft.process;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.io.IoFuture;
import java.io.IOException;
import java.util.function.Function;

/**
 * {@link Command#status()} and {@link Command#output()}: starts the child on the first poll,
 * waits with {@code then}, and owns the child: it is closed when the wait ends, and on
 * cancellation (which kills it if the command set kill-on-drop).
 *
 * @param <T> what the wait gives
 */
final class CommandFuture<T> implements IoFuture<T> {
    /** Starts the child. */
    @FunctionalInterface
    interface Start {
        Child start() throws IOException;
    }

    private final Start start;
    private final Function<Child, IoFuture<T>> then;
    private Child child;
    private IoFuture<T> waiting;
    private boolean done;

    CommandFuture(Start start, Function<Child, IoFuture<T>> then) {
        this.start = start;
        this.then = then;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("process future polled after it completed");
        }
        Poll<T> p;
        try {
            if (child == null) {
                child = start.start();
                waiting = then.apply(child);
            }
            p = waiting.poll(cx);
        } catch (IOException | RuntimeException e) {
            done = true;
            if (child != null) {
                child.close();
            }
            return Poll.failed(e);
        }
        if (p.isReady()) {
            done = true;
            child.close();
        }
        return p;
    }

    @Override
    public void cancel() {
        if (done || child == null) {
            return;
        }
        done = true;
        waiting.cancel();
        child.close(); // kills it if the command set kill-on-drop
    }
}
