package dev.weft.io;

import static dev.weft.io.AsyncReadTest.assertRejects;
import static dev.weft.io.FakeReader.EOF;
import static dev.weft.io.FakeReader.PENDING;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.TestWaker;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FramedTest {
    private final TestWaker cx = new TestWaker();

    static byte[] frame(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    @Test
    void linesAreBoundedByTheirMaximum() {
        var lines = Framed.lines(FakeReader.of("12345\r\n", "1234", PENDING, "5\n123456\n"), 5);
        assertEquals("12345", cx.ready(lines.next()).orElseThrow(), "exactly the maximum, with \\r\\n");
        var next = lines.next();
        assertSame(Poll.pending(), cx.poll(next));
        assertEquals("12345", cx.ready(next).orElseThrow());
        var e = assertInstanceOf(IOException.class, cx.failed(lines.next()));
        assertEquals("line longer than the maximum of 5 bytes", e.getMessage());
        assertThrows(IllegalStateException.class, () -> lines.pollNext(cx), "a failure ends the stream");
        var unterminated = Framed.lines(FakeReader.of("0123456789"), 5);
        assertInstanceOf(IOException.class, cx.failed(unterminated.next()), "caught before the terminator comes");
    }

    @Test
    void linesUseABufferedReaderAsItIs() throws IOException {
        var r = new BufReader(FakeReader.of("a\nb\nrest"));
        var lines = Framed.lines(r, 100);
        assertEquals("a", cx.ready(lines.next()).orElseThrow());
        lines.cancel();
        assertEquals("b", cx.ready(r.readLine()).orElseThrow(), "no second buffer read ahead of the reader's own");
    }

    @Test
    void lengthDelimitedFramesArriveWhateverTheChunking() {
        var src = FakeReader.of(frame(0, 0), PENDING, frame(0, 3, 'a'), frame('b', 'c', 0, 0, 0), PENDING,
                frame(0), frame(0, 0, 0, 1, 'z'), EOF);
        var frames = Framed.lengthDelimited(src);
        var first = frames.next();
        assertSame(Poll.pending(), cx.poll(first));
        assertArrayEquals("abc".getBytes(), cx.ready(first).orElseThrow());
        var second = frames.next();
        assertSame(Poll.pending(), cx.poll(second));
        second.cancel(); // a cancelled next() loses nothing
        assertArrayEquals(new byte[0], cx.ready(frames.next()).orElseThrow(), "an empty frame");
        assertArrayEquals("z".getBytes(), cx.ready(frames.next()).orElseThrow());
        assertEquals(Optional.empty(), cx.ready(frames.next()));
    }

    @Test
    void aFrameOverTheMaximumFailsBeforeItIsBuffered() {
        var e = assertInstanceOf(IOException.class,
                cx.failed(Framed.lengthDelimited(FakeReader.of(frame(0, 0, 0, 11)), 10).next()));
        assertEquals("frame of 11 bytes is longer than maxFrameLength 10", e.getMessage());
        var huge = Framed.lengthDelimited(FakeReader.of(frame(0xFF, 0xFF, 0xFF, 0xFF)));
        assertTrue(cx.failed(huge.next()).getMessage().contains("frame of 4294967295 bytes"), "the length is unsigned");
        var exact = Framed.lengthDelimited(FakeReader.of(frame(0, 0, 0, 2, 7, 8)), 2);
        assertArrayEquals(frame(7, 8), cx.ready(exact.next()).orElseThrow());
    }

    @Test
    void theEndInsideAFrameIsAnEofFault() {
        var inHeader = assertInstanceOf(EOFException.class,
                cx.failed(Framed.lengthDelimited(FakeReader.of(frame(0, 0))).next()));
        assertTrue(inHeader.getMessage().contains("frame header (2 of 4 bytes)"), inHeader.getMessage());
        var inBody = assertInstanceOf(EOFException.class,
                cx.failed(Framed.lengthDelimited(FakeReader.of(frame(0, 0, 0, 5, 1, 2))).next()));
        assertTrue(inBody.getMessage().contains("inside a frame (2 of 5 bytes)"), inBody.getMessage());
        var boom = new IOException("reset");
        assertSame(boom, cx.failed(Framed.lengthDelimited(FakeReader.of(frame(0, 0, 0, 5, 1), boom)).next()));
    }

    @Test
    void badArgumentsAreRejectedByName() {
        var r = FakeReader.of();
        var w = new FakeWriter();
        assertRejects("src must not be null", () -> Framed.lines(null, 1));
        assertRejects("maxLineLength must be at least 1, was 0", () -> Framed.lines(r, 0));
        assertRejects("src must not be null", () -> Framed.lengthDelimited(null));
        assertRejects("maxFrameLength must not be negative, was -1", () -> Framed.lengthDelimited(r, -1));
        assertRejects("dst must not be null", () -> Framed.lineWriter(null));
        assertRejects("dst must not be null", () -> Framed.lengthDelimitedWriter(null));
        assertRejects("maxFrameLength must not be negative, was -2", () -> Framed.lengthDelimitedWriter(w, -2));
        var lines = Framed.lineWriter(w);
        assertRejects("frame must not be null", () -> lines.send(null));
        assertRejects("frame must not contain '\\n' (at index 1)", () -> lines.feed("a\nb"));
        var frames = Framed.lengthDelimitedWriter(w, 3);
        assertRejects("frame is 4 bytes, longer than maxFrameLength 3", () -> frames.send(new byte[4]));
        assertRejects("frame must not be null", () -> frames.feed(null));
        assertEquals(0, w.written.size(), "nothing was written for a refused frame");
    }

    @Test
    void feedBuffersSendFlushesAndShutdownShutsDown() {
        var w = new FakeWriter();
        var out = Framed.lineWriter(w);
        cx.ready(out.feed("one"));
        cx.ready(out.feed(new StringBuilder("twö")));
        assertEquals(9, out.buffered());
        assertEquals("", w.text());
        cx.ready(out.send("three"));
        assertEquals("one\ntwö\nthree\n", w.text());
        assertEquals(1, w.writes, "one write for the batch");
        assertEquals(1, w.flushes);
        cx.ready(out.feed("last"));
        cx.ready(out.shutdown());
        assertEquals("one\ntwö\nthree\nlast\n", w.text());
        assertTrue(w.shutDown);
        var bin = new FakeWriter();
        var frames = Framed.lengthDelimitedWriter(bin);
        cx.ready(frames.send(frame(9, 8)));
        cx.ready(frames.send(new byte[0]));
        assertArrayEquals(frame(0, 0, 0, 2, 9, 8, 0, 0, 0, 0), bin.written.toByteArray());
        var f = frames.flush();
        cx.ready(f);
        assertThrows(IllegalStateException.class, () -> cx.poll(f));
    }

    @Test
    void aCancelledSendNeverTearsAFrame() {
        var w = new FakeWriter();
        var out = Framed.lengthDelimitedWriter(w);
        w.writeSteps.add(FakeWriter.PENDING);
        var sent = out.send(frame(1, 2, 3));
        assertSame(Poll.pending(), cx.poll(sent));
        sent.cancel(); // accepted, waiting for its flush
        assertEquals(7, out.buffered());
        cx.ready(out.flush());
        assertArrayEquals(frame(0, 0, 0, 3, 1, 2, 3), w.written.toByteArray(), "it went out with the next flush");

        var w2 = new FakeWriter();
        var out2 = Framed.lengthDelimitedWriter(w2);
        cx.ready(out2.feed(new byte[FrameWriter.BACKPRESSURE]));
        w2.writeSteps.add(FakeWriter.PENDING);
        var blocked = out2.feed(frame(42));
        assertSame(Poll.pending(), cx.poll(blocked), "backpressure: more than 8 KiB wait");
        blocked.cancel();
        cx.ready(out2.flush());
        assertEquals(4 + FrameWriter.BACKPRESSURE, w2.written.size(), "the cancelled frame was never written");
    }

    @Test
    void aFaultOfTheWriterFailsTheOperation() {
        var boom = new IOException("broken pipe");
        var w = new FakeWriter();
        w.writeSteps.add(boom);
        assertSame(boom, cx.failed(Framed.lineWriter(w).send("x")));
        var w2 = new FakeWriter();
        w2.flushSteps.add(boom);
        assertSame(boom, cx.failed(Framed.lineWriter(w2).flush()));
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void framesMakeTheRoundTripOverADuplex(boolean multi) throws Exception {
        long seed = System.nanoTime();
        var rnd = new SplittableRandom(seed);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[rnd.nextInt(10) == 0 ? rnd.nextInt(30_000) : rnd.nextInt(100)];
            rnd.nextBytes(b);
            sent.add(b);
        }
        try (Runtime rt = TestWaker.runtime(multi)) {
            var p = Io.duplex(1000);
            var writer = rt.spawn(Async.async(() -> {
                var out = Framed.lengthDelimitedWriter(p.a(), 40_000);
                for (int i = 0; i < sent.size(); i++) {
                    (i % 3 == 0 ? out.send(sent.get(i)) : out.feed(sent.get(i))).await();
                }
                out.shutdown().await();
                return null;
            }));
            Stream<byte[]> in = Framed.lengthDelimited(p.b(), 40_000);
            List<byte[]> got = rt.blockOn(rt.spawn(Async.async(() -> in.collect().await())));
            rt.blockOn(writer);
            assertEquals(sent.size(), got.size(), "seed=" + seed);
            for (int i = 0; i < sent.size(); i++) {
                assertArrayEquals(sent.get(i), got.get(i), "frame " + i + ", seed=" + seed);
            }
            var q = Io.duplex(7);
            rt.spawn(Async.async(() -> {
                var out = Framed.lineWriter(q.a());
                for (int i = 0; i < 100; i++) {
                    out.feed("line " + i + " ✓").await();
                }
                out.shutdown().await();
                return null;
            }));
            List<String> lines = rt.blockOn(rt.spawn(Async.async(() -> Framed.lines(q.b(), 64).collect().await())));
            assertEquals(100, lines.size());
            assertEquals("line 99 ✓", lines.get(99));
        }
    }
}
