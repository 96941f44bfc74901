package dev.weft.process;

import java.nio.charset.StandardCharsets;

/**
 * What a finished child left: its exit status and everything it wrote to stdout and stderr
 * (empty when a stream was not piped). The arrays are the record's own; {@code equals} compares
 * them by identity, as records do.
 *
 * {@snippet :
 * Output out = new Command("git").args("rev-parse", "HEAD").output().await();
 * String commit = out.stdoutText().strip();
 * }
 *
 * @param status how the child ended
 * @param stdout the bytes it wrote to stdout
 * @param stderr the bytes it wrote to stderr
 */
public record Output(ExitStatus status, byte[] stdout, byte[] stderr) {
    /** {@return stdout decoded as UTF-8 (malformed bytes replaced)} */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** {@return stderr decoded as UTF-8 (malformed bytes replaced)} */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }
}
