package dev.weft.runtime;

/**
 * The code of a task that returns nothing: a {@link Runnable} that may throw checked exceptions,
 * so it can {@code await()}. The {@code spawn} overloads that take one ({@code Weft.spawn},
 * {@link Handle#spawn(CheckedRunnable)}, {@link Runtime#spawn(CheckedRunnable)},
 * {@link LocalSet#spawnLocal(CheckedRunnable)}, {@link JoinSet#spawn(CheckedRunnable)}) give a
 * {@code JoinHandle<Void>} whose value is {@code null}: Tokio's {@code tokio::spawn(async { ... })}
 * with a body of type {@code ()}.
 *
 * {@snippet class=dev.weft.snippets.WeftSnippets region=spawn-void}
 *
 * <p><b>Which overload a lambda picks.</b> A block lambda without a value
 * ({@code () -> { log(x); }}) is a {@code CheckedRunnable}; a lambda or method reference with a
 * value ({@code () -> 42}, {@code () -> { return load(); }}, {@code this::load}) is a
 * {@link java.util.concurrent.Callable}, as with {@code ExecutorService.submit}; a lambda that
 * takes the poll context ({@code cx -> ...}) is a {@link dev.weft.future.Future}. A method
 * reference to an overloaded method may be ambiguous to javac: write a lambda then.
 */
@FunctionalInterface
public interface CheckedRunnable {
    /**
     * Runs the code.
     *
     * @throws Exception anything the code throws: it becomes the task's failure, as it is
     */
    void run() throws Exception;
}
