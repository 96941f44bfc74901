package dev.weft.process;

/**
 * Where a child's standard stream goes ({@link Command#stdin}, {@link Command#stdout},
 * {@link Command#stderr}): Tokio's and Rust's {@code Stdio}.
 *
 * {@snippet :
 * Child child = new Command("grep").arg("weft").stdin(Stdio.PIPED).stdout(Stdio.PIPED).stderr(Stdio.NULL).spawn();
 * }
 */
public enum Stdio {
    /** The child shares this process's stream (its terminal, its files). */
    INHERIT,
    /**
     * A pipe to this process: {@link Child#stdin()} writes into it, {@link Child#stdout()} and
     * {@link Child#stderr()} read from it.
     */
    PIPED,
    /** Nothing: input at its end at once, output thrown away (the null device). */
    NULL
}
