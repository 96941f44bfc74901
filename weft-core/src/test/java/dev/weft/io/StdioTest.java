package dev.weft.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Stream;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.CancelAfter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Io#stdin()}, {@link Io#stdout()} and {@link Io#stderr()}, fed through pipes. */
@Timeout(30)
class StdioTest {

    private static <T> T run(Callable<T> body) throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().enableAll().build()) {
            return rt.blockOn(Async.async(body));
        }
    }

    @Test
    void stdinReadsLinesToTheEnd() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(feed, 1 << 16);
        feed.write("one\ntwo\nthree".getBytes(UTF_8));
        feed.close();
        List<String> lines = run(() -> new BufReader(new StdinReader(pipe, "stdin")).lines().collect().await());
        assertEquals(List.of("one", "two", "three"), lines);
    }

    /** A read abandoned while its blocking read waits loses nothing: the next read gets the bytes. */
    @Test
    void aCancelledStdinReadKeepsItsBytesForTheNextRead() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(feed, 1 << 16);
        String got = run(() -> {
            StdinReader in = new StdinReader(pipe, "stdin");
            ByteBuffer buf = ByteBuffer.allocate(64);
            assertEquals(Optional.empty(), new CancelAfter<>(in.read(buf), 3).await(), "nothing to read yet");
            feed.write("kept".getBytes(UTF_8)); // arrives for the abandoned read
            feed.close();
            int n = in.read(buf).await();
            String first = new String(buf.array(), 0, n, UTF_8);
            buf.clear();
            assertEquals(Io.EOF, in.read(buf).await());
            return first;
        });
        assertEquals("kept", got);
    }

    @Test
    void stdoutWritesInOrderAndShutdownLeavesTheStreamOpen() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        boolean[] closed = {false};
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                sink.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sink.write(b, off, len);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        run(() -> {
            StdWriter w = new StdWriter(out, "stdout");
            for (int i = 0; i < 200; i++) {
                w.writeAll(ByteBuffer.wrap((i + "\n").getBytes(UTF_8))).await(); // each: hand-off, no wait
            }
            w.shutdown().await();
            return null;
        });
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            expected.append(i).append('\n');
        }
        assertEquals(expected.toString(), sink.toString(UTF_8));
        assertTrue(!closed[0], "stdout stays open");
    }

    @Test
    void aFailedPrintStreamWriteIsReportedByTheNextFlush() throws Exception {
        PrintStream broken = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        }, true);
        IOException e = run(() -> {
            StdWriter w = new StdWriter(broken, "stdout");
            w.writeAll(ByteBuffer.wrap("x".getBytes(UTF_8))).await();
            return assertThrows(IOException.class, () -> w.flush().await());
        });
        assertTrue(e.getMessage().contains("checkError"), e.getMessage());
    }

    @Test
    void theProcessStreamsAreTheJdksAndBadArgumentsAreNamed() throws Exception {
        assertInstanceOf(StdinReader.class, Io.stdin());
        assertEquals("stdout", Io.stdout().toString());
        assertEquals("stderr", Io.stderr().toString());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> new StdWriter(new ByteArrayOutputStream(), "w").pollWrite(null, null));
        assertTrue(x.getMessage().startsWith("src"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class,
                () -> new StdinReader(new PipedInputStream(), "r").pollRead(null, null));
        assertTrue(x.getMessage().startsWith("dst"), x.getMessage());
        Stream<String> unused = new BufReader(Io.stdin()).lines(); // lazy: reads nothing
        assertSame(unused, unused);
    }
}
