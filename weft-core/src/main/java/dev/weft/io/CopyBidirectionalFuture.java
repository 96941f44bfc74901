package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import java.io.IOException;

/**
 * {@link Io#copyBidirectional}: two {@link CopyBuffer}s polled in turn; when one direction's
 * reader ends, that direction shuts its writer down (Tokio's {@code transfer_one_direction}:
 * running, shutting down, done).
 */
final class CopyBidirectionalFuture implements IoFuture<Io.Copied> {
    private static final int RUNNING = 0;
    private static final int SHUTTING_DOWN = 1;
    private static final int DONE = 2;

    private final AsyncRead a;
    private final AsyncWrite aw;
    private final AsyncRead b;
    private final AsyncWrite bw;
    private final CopyBuffer ab;
    private final CopyBuffer ba;
    private int abState;
    private int baState;
    private boolean finished;

    <A extends AsyncRead & AsyncWrite, B extends AsyncRead & AsyncWrite> CopyBidirectionalFuture(A a, B b) {
        this.a = a;
        this.aw = a;
        this.b = b;
        this.bw = b;
        this.ab = new CopyBuffer(a);
        this.ba = new CopyBuffer(b);
    }

    @Override
    public Poll<Io.Copied> poll(Context cx) {
        if (finished) {
            throw new IllegalStateException("copyBidirectional future polled after it completed or was cancelled");
        }
        try {
            abState = step(cx, abState, ab, a, bw);
            baState = step(cx, baState, ba, b, aw);
        } catch (IOException e) {
            finished = true;
            return Poll.failed(e);
        }
        if (abState != DONE || baState != DONE) {
            return Poll.pending();
        }
        finished = true;
        return Poll.ready(new Io.Copied(ab.amount(), ba.amount()));
    }

    private static int step(Context cx, int state, CopyBuffer copy, AsyncRead from, AsyncWrite to) throws IOException {
        if (state == RUNNING) {
            if (!copy.poll(cx, from, to)) {
                return RUNNING;
            }
            state = SHUTTING_DOWN;
        }
        if (state == SHUTTING_DOWN) {
            return to.pollShutdown(cx) ? DONE : SHUTTING_DOWN;
        }
        return state;
    }

    @Override
    public void cancel() {
        finished = true;
    }
}
