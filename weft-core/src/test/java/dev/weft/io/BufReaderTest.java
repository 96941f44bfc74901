package dev.weft.io;

import static dev.weft.io.AsyncReadTest.assertRejects;
import static dev.weft.io.FakeReader.EOF;
import static dev.weft.io.FakeReader.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BufReaderTest {
    private final TestWaker cx = new TestWaker();

    @Test
    void smallReadsAreServedFromOneLargeRead() throws IOException {
        var inner = FakeReader.of("abcdefgh", "ij");
        var r = new BufReader(inner, 16);
        assertEquals(16, r.capacity());
        assertSame(inner, r.inner());
        var buf = ByteBuffer.allocate(3);
        assertEquals(3, cx.ready(r.read(buf)));
        assertEquals(5, r.buffered());
        buf.clear();
        assertEquals(3, cx.ready(r.read(buf)));
        assertEquals(1, inner.polls, "one read of the inner reader so far");
        assertEquals("abcdefghij", "abcdef" + cx.ready(r.readToString()));
    }

    @Test
    void fillBufferConsumeShowTheBufferedBytes() throws IOException {
        var r = new BufReader(FakeReader.of(PENDING, "hello", EOF), 8);
        assertEquals(Io.PENDING, r.pollFillBuf(cx));
        assertEquals(5, r.pollFillBuf(cx));
        ByteBuffer view = r.buffer();
        assertTrue(view.isReadOnly());
        assertThrows(ReadOnlyBufferException.class, () -> view.put((byte) 0));
        assertEquals(5, view.remaining());
        assertEquals('h', view.get(view.position()));
        r.consume(2);
        assertEquals("llo", StandardCharsets.UTF_8.decode(r.buffer()).toString());
        assertEquals(3, r.pollFillBuf(cx), "no read while bytes are buffered");
        r.consume(3);
        assertEquals(0, r.pollFillBuf(cx), "0 at the end of the stream");
        assertEquals(Io.EOF, r.pollRead(cx, ByteBuffer.allocate(1)));
        assertEquals(0, r.pollRead(cx, ByteBuffer.allocate(0)));
    }

    @Test
    void aLargeReadIntoAnEmptyBufferSkipsTheCopy() throws IOException {
        var inner = FakeReader.of("0123456789abcdef", "x");
        var r = new BufReader(inner, 4);
        var big = ByteBuffer.allocate(16);
        assertEquals(16, r.pollRead(cx, big));
        assertEquals(0, r.buffered(), "nothing went through the buffer");
        assertEquals(1, r.pollRead(cx, ByteBuffer.allocate(2)));
    }

    @Test
    void badArgumentsAreRejectedByName() {
        var inner = FakeReader.of("abc");
        assertRejects("inner must not be null", () -> new BufReader(null));
        assertRejects("capacity must be at least 1, was 0", () -> new BufReader(inner, 0));
        var r = new BufReader(inner, 8);
        assertRejects("n must be between 0 and the 0 buffered bytes, was 1", () -> r.consume(1));
        assertRejects("n must be between", () -> r.consume(-1));
    }

    @Test
    void aFaultOfTheInnerReaderPassesThrough() {
        var boom = new IOException("boom");
        var r = new BufReader(FakeReader.of("ab", boom));
        assertSame(boom, cx.failed(r.readExact(ByteBuffer.allocate(3))));
    }

    @Test
    void readLineStripsTerminatorsAndEndsWithEmpty() {
        var r = new BufReader(FakeReader.of("one\r\ntw", PENDING, "o\n\nthr", "ee\rx"), 4);
        assertEquals("one", cx.ready(r.readLine()).orElseThrow());
        var f = r.readLine();
        assertSame(Poll.pending(), cx.poll(f));
        assertEquals("two", cx.ready(f).orElseThrow(), "a line across fills and a pending");
        assertEquals("", cx.ready(r.readLine()).orElseThrow(), "an empty line is not the end");
        assertEquals("three\rx", cx.ready(r.readLine()).orElseThrow(), "the last line needs no terminator; a lone \\r stays");
        assertTrue(cx.ready(r.readLine()).isEmpty());
        assertTrue(cx.ready(r.readLine()).isEmpty(), "the end repeats");
    }

    @Test
    void readLineDecodesUtf8SplitAcrossFillsAndRejectsMalformedInput() {
        byte[] utf8 = "日本語\n".getBytes(StandardCharsets.UTF_8);
        var r = new BufReader(FakeReader.of(utf8), 2);
        assertEquals("日本語", cx.ready(r.readLine()).orElseThrow());
        var bad = new BufReader(FakeReader.of(new byte[] {'a', (byte) 0xFF, '\n'}));
        assertTrue(cx.failed(bad.readLine()) instanceof java.nio.charset.MalformedInputException);
    }

    @Test
    void aCancelledReadLineLosesItsPartialLineButLinesNextLosesNothing() {
        var r = new BufReader(FakeReader.of("par", PENDING, "tial\nnext\n"));
        var f = r.readLine();
        assertSame(Poll.pending(), cx.poll(f));
        f.cancel();
        assertThrows(IllegalStateException.class, () -> cx.poll(f));
        assertEquals("tial", cx.ready(r.readLine()).orElseThrow(), "documented: not cancel-safe");

        var r2 = new BufReader(FakeReader.of("par", PENDING, "tial\nnext\n"));
        var lines = r2.lines();
        var next = lines.next();
        assertSame(Poll.pending(), cx.poll(next));
        next.cancel();
        assertEquals("partial", cx.ready(lines.next()).orElseThrow(), "the stream kept the partial line");
        assertEquals("next", cx.ready(lines.next()).orElseThrow());
        assertTrue(cx.ready(lines.next()).isEmpty());
        assertThrows(IllegalStateException.class, () -> lines.pollNext(cx), "polled after its end");
    }

    @Test
    void linesFailOnAFaultAndCollectOtherwise() throws Exception {
        var boom = new IOException("reset");
        var lines = new BufReader(FakeReader.of("a\nb", boom)).lines();
        assertEquals("a", cx.ready(lines.next()).orElseThrow());
        assertSame(boom, cx.failed(lines.next()));
        var all = new BufReader(FakeReader.of("x\ny\r\nz")).lines().collect();
        assertEquals(java.util.List.of("x", "y", "z"), cx.ready(all));
    }
}
