package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.Weft;
import dev.weft.future.Stream;
import dev.weft.io.AsyncRead;
import dev.weft.io.AsyncWrite;
import dev.weft.io.BufReader;
import dev.weft.io.BufWriter;
import dev.weft.io.Io;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads lines from standard input and echoes each one upper-cased to standard output, until
 * stdin ends (ctrl-d): {@code ./weft example upper}, or {@code printf 'a\nb\n' | ./weft example
 * upper}. Stdin and stdout are Weft's async ones ({@link Io#stdin()}, {@link Io#stdout()}), so
 * the worker never blocks on the terminal.
 */
public final class Upper {
    private Upper() {
    }

    /** Copies {@code in}'s lines to {@code out}, upper-cased; returns how many lines. */
    static long upper(AsyncRead in, AsyncWrite out) throws Exception {
        Stream<String> lines = new BufReader(in).lines();
        BufWriter writer = new BufWriter(out);
        long count = 0;
        Optional<String> line;
        while ((line = lines.next().await()).isPresent()) {
            String shout = line.get().toUpperCase(Locale.ROOT) + "\n";
            writer.writeAll(ByteBuffer.wrap(shout.getBytes(UTF_8))).await();
            writer.flush().await(); // each line at once: someone may be typing
            count++;
        }
        writer.shutdown().await(); // flushes; stdout stays open
        return count;
    }

    public static void main(String[] args) throws Exception {
        Weft.run(() -> upper(Io.stdin(), Io.stdout()));
    }
}
