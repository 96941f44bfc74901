package dev.weft.process;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.io.IoFuture;
import dev.weft.future.internal.Coop;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A running (or finished) child process, from {@link Command#spawn()}: Tokio's {@code Child}.
 *
 * <p><b>Waiting never blocks a worker.</b> {@link #status()} is woken by the JDK's
 * {@link Process#onExit()} (the JDK's process reaper sees the exit); the pipes
 * ({@link #stdin()}, {@link #stdout()}, {@link #stderr()}) do their blocking reads and writes on
 * the runtime's blocking pool, as the JDK offers no selectable pipes.
 *
 * <p><b>Cancel safety.</b> Cancelling a {@link #status()} wait only stops waiting: the child
 * keeps running, and {@code status()} may be awaited again. {@link #close()} releases the pipes
 * and, if the command asked for {@link Command#killOnDrop kill-on-drop}, kills a child still
 * running; without it the child outlives its {@code Child}, as in Tokio.
 *
 * {@snippet :
 * Child child = new Command("sleep").arg("60").killOnDrop(true).spawn();
 * try (child) {
 *     Weft.timeout(Duration.ofSeconds(1), child.status()).await();
 * } catch (Elapsed e) {
 *     // close() kills it
 * }
 * }
 */
public final class Child implements AutoCloseable {
    private final Process process;
    private final boolean killOnDrop;
    private final ChildStdin stdin; // null unless piped
    private final ChildOutput stdout;
    private final ChildOutput stderr;
    /** The wakers of pending status() futures; woken from the JDK's onExit completion. */
    private final ConcurrentHashMap<Object, Waker> waiters = new ConcurrentHashMap<>();

    Child(Process process, Stdio in, Stdio out, Stdio err, boolean killOnDrop) {
        this.process = process;
        this.killOnDrop = killOnDrop;
        this.stdin = in == Stdio.PIPED ? new ChildStdin(process.getOutputStream()) : null;
        this.stdout = out == Stdio.PIPED ? new ChildOutput(process.getInputStream(), "stdout") : null;
        this.stderr = err == Stdio.PIPED ? new ChildOutput(process.getErrorStream(), "stderr") : null;
        // Runs once, after isAlive() turned false (the JDK completes onExit after waitFor returns):
        // a status() future registers its waker, then re-checks isAlive(), so none is missed.
        process.onExit().whenComplete((p, e) -> waiters.values().forEach(Waker::wake));
    }

    /** {@return the child's operating-system process id} */
    public long pid() {
        return process.pid();
    }

    /**
     * {@return the pipe to the child's stdin}
     * @throws IllegalStateException if stdin was not {@link Stdio#PIPED}
     */
    public ChildStdin stdin() {
        return piped(stdin, "stdin");
    }

    /**
     * {@return the pipe from the child's stdout}
     * @throws IllegalStateException if stdout was not {@link Stdio#PIPED}
     */
    public ChildOutput stdout() {
        return piped(stdout, "stdout");
    }

    /**
     * {@return the pipe from the child's stderr}
     * @throws IllegalStateException if stderr was not {@link Stdio#PIPED}
     */
    public ChildOutput stderr() {
        return piped(stderr, "stderr");
    }

    private static <T> T piped(T pipe, String name) {
        if (pipe == null) {
            throw new IllegalStateException(name + " was not piped: set Command." + name + "(Stdio.PIPED) before spawn()");
        }
        return pipe;
    }

    /**
     * Waits for the child to exit. Does not close stdin: a child that reads its input to the
     * end (a filter like {@code cat}) exits only after {@code stdin().pollShutdown} or
     * {@code stdin().close()}. Any number of tasks may wait at once, each with its own future.
     *
     * <p><b>Cancel safety:</b> safe; the child keeps running, nothing is lost, and the exit
     * status can be awaited again.
     *
     * @return the future of the exit status
     */
    public IoFuture<ExitStatus> status() {
        return new IoFuture<>() {
            private boolean done;

            @Override
            public Poll<ExitStatus> poll(Context cx) {
                if (done) {
                    throw new IllegalStateException("status() future polled after it completed");
                }
                if (!Coop.proceed(cx)) {
                    return Poll.pending();
                }
                if (process.isAlive()) {
                    waiters.put(this, cx.waker()); // then re-check: pairs with the onExit callback
                    if (process.isAlive()) {
                        return Poll.pending();
                    }
                }
                waiters.remove(this);
                done = true;
                return Poll.ready(new ExitStatus(process.exitValue()));
            }

            @Override
            public void cancel() {
                waiters.remove(this);
            }
        };
    }

    /**
     * {@return the exit status if the child has exited, without waiting; empty if it runs}
     */
    public Optional<ExitStatus> tryStatus() {
        return process.isAlive() ? Optional.empty() : Optional.of(new ExitStatus(process.exitValue()));
    }

    /**
     * On the first poll closes stdin (if piped), then reads stdout and stderr (if piped) to
     * their end and waits for the exit (Tokio's {@code wait_with_output}). Bytes already read through {@link #stdout()}
     * are not in the result; bytes buffered and not yet returned are.
     *
     * <p><b>Cancel safety:</b> not cancel-safe: output read so far is lost. The child keeps
     * running.
     *
     * @return the future of the status and the output
     */
    public IoFuture<Output> output() {
        return new OutputFuture(stdin, stdout, stderr, status());
    }

    /**
     * Kills the child without waiting (SIGKILL on Unix, {@code TerminateProcess} on Windows;
     * {@link Process#destroyForcibly()}); no effect if it has exited. Await {@link #status()}
     * to see it gone.
     */
    public void kill() {
        process.destroyForcibly();
    }

    /**
     * Releases the child's pipes, and kills the child if it still runs and the command set
     * {@link Command#killOnDrop kill-on-drop} (Tokio's drop of a {@code Child}). Without
     * kill-on-drop the child runs on. Idempotent.
     */
    @Override
    public void close() {
        if (killOnDrop && process.isAlive()) {
            process.destroyForcibly();
        }
        closePipes();
    }

    /** Closes the pipes that are piped, leaving the child alone. */
    void closePipes() {
        if (stdin != null) {
            stdin.close();
        }
        if (stdout != null) {
            stdout.close();
        }
        if (stderr != null) {
            stderr.close();
        }
    }

    @Override
    public String toString() {
        return "Child[pid=" + process.pid() + tryStatus().map(s -> ", " + s).orElse(", running") + "]";
    }
}
