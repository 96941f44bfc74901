package dev.weft.process;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.io.Io;
import dev.weft.io.IoFuture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link Child#output()}: closes stdin, reads stdout and stderr to their ends side by side (a child that
 * fills one pipe while we wait on the other would deadlock otherwise) and waits for the exit.
 */
final class OutputFuture implements IoFuture<Output> {
    private static final int CHUNK = 16 * 1024;
    private static final byte[] NONE = new byte[0];

    private ChildStdin stdin; // closed on the first poll, so the child sees the end of its input
    private final Drain out;
    private final Drain err;
    private final IoFuture<ExitStatus> exit;
    private ExitStatus status;
    private boolean done;

    OutputFuture(ChildStdin stdin, ChildOutput stdout, ChildOutput stderr, IoFuture<ExitStatus> exit) {
        this.stdin = stdin;
        this.out = new Drain(stdout);
        this.err = new Drain(stderr);
        this.exit = exit;
    }

    @Override
    public Poll<Output> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("output() future polled after it completed");
        }
        if (stdin != null) {
            stdin.close();
            stdin = null;
        }
        try {
            boolean outDone = out.poll(cx);
            boolean errDone = err.poll(cx);
            if (status == null) {
                Poll<ExitStatus> p = exit.poll(cx);
                if (p.isReady()) {
                    status = p.get();
                }
            }
            if (!outDone || !errDone || status == null) {
                return Poll.pending();
            }
        } catch (IOException | RuntimeException e) {
            cancel();
            return Poll.failed(e);
        }
        done = true;
        return Poll.ready(new Output(status, out.bytes(), err.bytes()));
    }

    /** Stops waiting for the exit; reads in flight end with the child, their bytes are dropped. */
    @Override
    public void cancel() {
        done = true;
        if (status == null) {
            exit.cancel();
        }
    }

    /** One pipe read to its end. */
    private static final class Drain {
        private final ChildOutput pipe;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private ByteBuffer chunk;
        private boolean ended;

        Drain(ChildOutput pipe) {
            this.pipe = pipe;
            this.ended = pipe == null;
        }

        /** @return whether the pipe reached its end; false if pending (waker registered) */
        boolean poll(Context cx) throws IOException {
            if (chunk == null && !ended) {
                chunk = ByteBuffer.allocate(CHUNK);
            }
            while (!ended) {
                chunk.clear();
                int n = pipe.pollRead(cx, chunk);
                if (n == Io.PENDING) {
                    return false;
                }
                if (n == Io.EOF) {
                    ended = true;
                    chunk = null;
                } else {
                    bytes.write(chunk.array(), 0, n);
                }
            }
            return true;
        }

        byte[] bytes() {
            return pipe == null ? NONE : bytes.toByteArray();
        }
    }
}
