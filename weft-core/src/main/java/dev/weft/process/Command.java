package dev.weft.process;

import dev.weft.future.internal.Args;
import dev.weft.io.IoFuture;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A child process to start (Tokio's {@code process::Command}, over the JDK's
 * {@link ProcessBuilder}): the program, its arguments, environment and working directory, where
 * its standard streams go, and whether closing its {@link Child} kills it.
 *
 * <p>{@link #spawn()} starts it and returns the {@link Child} at once; {@link #status()} and
 * {@link #output()} start it when first polled and wait for it. Nothing here blocks a worker
 * for longer than the {@code fork}/{@code exec} of the start itself (as in Tokio); waiting and
 * pipe I/O never do (see {@link Child}).
 *
 * <p>A command is a mutable builder, not thread-safe, and can be spawned any number of times;
 * {@link #status()} and {@link #output()} take a snapshot when called.
 *
 * {@snippet :
 * Output out = new Command("git").args("log", "-1", "--format=%an")
 *         .currentDir(repo)
 *         .env("GIT_PAGER", "cat")
 *         .output().await();
 * if (out.status().success()) System.out.println("last author: " + out.stdoutText().strip());
 * }
 */
public final class Command {
    private static final File NULL_FILE = new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");

    private final ProcessBuilder builder;
    private Stdio stdin; // null: not set (spawn and status inherit; output: stdin NULL, the others PIPED)
    private Stdio stdout;
    private Stdio stderr;
    private boolean killOnDrop;

    /**
     * Makes a command that runs {@code program}, with no arguments yet.
     *
     * @param program the program: a path, or a name looked up on the {@code PATH}
     * @throws IllegalArgumentException if {@code program} is null or empty
     */
    public Command(String program) {
        if (Args.notNull(program, "program").isEmpty()) {
            throw new IllegalArgumentException("program must not be empty");
        }
        this.builder = new ProcessBuilder(program);
    }

    /**
     * Adds one argument.
     *
     * @param arg one more argument, passed as it is (no shell)
     * @return this
     * @throws IllegalArgumentException if {@code arg} is null
     */
    public Command arg(String arg) {
        builder.command().add(Args.notNull(arg, "arg"));
        return this;
    }

    /**
     * Adds several arguments.
     *
     * @param args more arguments, in order
     * @return this
     * @throws IllegalArgumentException if {@code args} or one of them is null (then none is added)
     */
    public Command args(String... args) {
        for (String a : Args.notNull(args, "args")) {
            Args.notNull(a, "arg"); // all checked before any is added
        }
        builder.command().addAll(List.of(args));
        return this;
    }

    /**
     * Sets an environment variable of the child (it starts with this process's environment).
     *
     * @param key the name: not empty, no {@code =} or NUL
     * @param value the value: no NUL
     * @return this
     * @throws IllegalArgumentException if an argument is null or not allowed
     */
    public Command env(String key, String value) {
        checkKey(key);
        if (Args.notNull(value, "value").indexOf('\0') >= 0) {
            throw new IllegalArgumentException("value must not contain NUL, was " + value.replace("\0", "\\0"));
        }
        builder.environment().put(key, value);
        return this;
    }

    /**
     * Removes a variable from the child's environment.
     *
     * @param key an environment variable the child must not have
     * @return this
     * @throws IllegalArgumentException if {@code key} is null or not allowed
     */
    public Command envRemove(String key) {
        checkKey(key);
        builder.environment().remove(key);
        return this;
    }

    /** {@return this, with an empty environment for the child (then add with {@link #env})} */
    public Command envClear() {
        builder.environment().clear();
        return this;
    }

    /**
     * Sets the child's working directory.
     *
     * @param dir the child's working directory (default: this process's); a missing one fails
     *     the start with an {@link IOException}
     * @return this
     * @throws IllegalArgumentException if {@code dir} is null
     */
    public Command currentDir(Path dir) {
        builder.directory(Args.notNull(dir, "dir").toFile());
        return this;
    }

    /**
     * Sets where the child's standard input comes from.
     *
     * @param stdio where the child's stdin comes from (default {@link Stdio#INHERIT}, and
     *     {@link Stdio#NULL} for {@link #output()})
     * @return this
     * @throws IllegalArgumentException if {@code stdio} is null
     */
    public Command stdin(Stdio stdio) {
        stdin = Args.notNull(stdio, "stdio");
        return this;
    }

    /**
     * Sets where the child's standard output goes.
     *
     * @param stdio where the child's stdout goes (default {@link Stdio#INHERIT}, and
     *     {@link Stdio#PIPED} for {@link #output()})
     * @return this
     * @throws IllegalArgumentException if {@code stdio} is null
     */
    public Command stdout(Stdio stdio) {
        stdout = Args.notNull(stdio, "stdio");
        return this;
    }

    /**
     * Sets where the child's standard error goes.
     *
     * @param stdio where the child's stderr goes (default {@link Stdio#INHERIT}, and
     *     {@link Stdio#PIPED} for {@link #output()})
     * @return this
     * @throws IllegalArgumentException if {@code stdio} is null
     */
    public Command stderr(Stdio stdio) {
        stderr = Args.notNull(stdio, "stdio");
        return this;
    }

    /**
     * Whether to kill the child (SIGKILL) when it is dropped while it still runs (Tokio's
     * {@code kill_on_drop}; default false). Java has no drop; here it means: {@link Child#close()},
     * or cancelling a {@link #status()} or {@link #output()} future before the child exited (a
     * timeout, a {@code select} loser, an aborted task). Without it the child runs on.
     *
     * @param kill whether to kill
     * @return this
     */
    public Command killOnDrop(boolean kill) {
        killOnDrop = kill;
        return this;
    }

    /**
     * Starts the child. Any thread may call it; no runtime is needed until its pipes or
     * {@code status()} are polled.
     *
     * @return the running child
     * @throws IOException if it cannot start: the program is missing or not executable, the
     *     working directory is missing
     */
    public Child spawn() throws IOException {
        return start(prepare(or(stdin, Stdio.INHERIT), or(stdout, Stdio.INHERIT), or(stderr, Stdio.INHERIT)), killOnDrop);
    }

    /**
     * Starts the child on the first poll and waits for its exit, its stdio inherited unless
     * set (pipes set here are closed at once, as in Tokio, since nobody can reach them).
     *
     * <p><b>Cancel safety:</b> cancelling stops waiting; the child runs on, or is killed with
     * {@link #killOnDrop}. A failure to start is the future's failure.
     *
     * @return the future of the exit status
     */
    public IoFuture<ExitStatus> status() {
        ProcessBuilder b = prepare(or(stdin, Stdio.INHERIT), or(stdout, Stdio.INHERIT), or(stderr, Stdio.INHERIT));
        boolean kill = killOnDrop;
        return new CommandFuture<>(() -> start(b, kill), child -> {
            child.closePipes();
            return child.status();
        });
    }

    /**
     * Starts the child on the first poll, collects everything it writes to stdout and stderr
     * (piped unless set; stdin is {@link Stdio#NULL} unless set, and closed if piped), and waits
     * for its exit. A child that fails has a non-zero {@link ExitStatus} in the output, not a
     * failed future.
     *
     * <p><b>Cancel safety:</b> not cancel-safe (the output read so far is dropped); the child
     * runs on, or is killed with {@link #killOnDrop}.
     *
     * @return the future of the output
     */
    public IoFuture<Output> output() {
        ProcessBuilder b = prepare(or(stdin, Stdio.NULL), or(stdout, Stdio.PIPED), or(stderr, Stdio.PIPED));
        boolean kill = killOnDrop;
        return new CommandFuture<>(() -> start(b, kill), Child::output);
    }

    private static Child start(ProcessBuilder b, boolean killOnDrop) throws IOException {
        Stdio in = b.redirectInput() == ProcessBuilder.Redirect.PIPE ? Stdio.PIPED : Stdio.INHERIT;
        Stdio out = b.redirectOutput() == ProcessBuilder.Redirect.PIPE ? Stdio.PIPED : Stdio.INHERIT;
        Stdio err = b.redirectError() == ProcessBuilder.Redirect.PIPE ? Stdio.PIPED : Stdio.INHERIT;
        return new Child(b.start(), in, out, err, killOnDrop);
    }

    /** A snapshot of this command with its streams set: later changes do not touch it. */
    private ProcessBuilder prepare(Stdio in, Stdio out, Stdio err) {
        ProcessBuilder b = new ProcessBuilder(new ArrayList<>(builder.command()));
        Map<String, String> env = b.environment();
        env.clear();
        env.putAll(builder.environment());
        b.directory(builder.directory());
        b.redirectInput(in == Stdio.NULL ? ProcessBuilder.Redirect.from(NULL_FILE) : redirect(in));
        b.redirectOutput(out == Stdio.NULL ? ProcessBuilder.Redirect.DISCARD : redirect(out));
        b.redirectError(err == Stdio.NULL ? ProcessBuilder.Redirect.DISCARD : redirect(err));
        return b;
    }

    private static ProcessBuilder.Redirect redirect(Stdio s) {
        return s == Stdio.PIPED ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT;
    }

    private static Stdio or(Stdio set, Stdio dflt) {
        return set != null ? set : dflt;
    }

    private static void checkKey(String key) {
        if (Args.notNull(key, "key").isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("key must be a non-empty name without '=' or NUL, was \""
                    + key.replace("\0", "\\0") + "\"");
        }
    }

    /** @return the program and its arguments, space-separated */
    @Override
    public String toString() {
        return String.join(" ", List.copyOf(builder.command()));
    }
}
