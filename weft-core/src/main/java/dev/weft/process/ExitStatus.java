package dev.weft.process;

/**
 * How a child process ended: its exit code.
 *
 * <p>On Unix a child killed by a signal has the code {@code 128 + signal} (the JDK's
 * convention, so {@link Child#kill()} gives 137, SIGKILL being 9).
 *
 * {@snippet :
 * ExitStatus s = new Command("true").status().await();
 * if (!s.success()) throw new IOException("failed: " + s);
 * }
 *
 * @param code the exit code
 */
public record ExitStatus(int code) {
    /** {@return whether the code is 0} */
    public boolean success() {
        return code == 0;
    }

    /** @return {@code "exit status: <code>"}, as Rust prints it */
    @Override
    public String toString() {
        return "exit status: " + code;
    }
}
