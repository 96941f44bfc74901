package dev.weft.io;

import static dev.weft.io.AsyncReadTest.assertRejects;
import static dev.weft.io.FakeWriter.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AsyncWriteTest {
    private final TestWaker cx = new TestWaker();

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writeTakesWhatTheSinkAcceptsAndAdvancesThePosition() {
        var w = new FakeWriter();
        w.maxPerWrite = 3;
        var src = bytes("hello");
        assertEquals(3, cx.ready(w.write(src)));
        assertEquals(3, src.position());
        assertEquals(2, cx.ready(w.write(src)));
        assertEquals(0, cx.ready(w.write(src)), "an empty buffer writes 0 at once");
        assertEquals("hello", w.text());
    }

    @Test
    void aCancelledWriteWroteNothing() {
        var w = new FakeWriter();
        w.writeSteps.add(PENDING);
        var src = bytes("abc");
        var f = w.write(src);
        assertSame(Poll.pending(), cx.poll(f));
        assertSame(cx, w.waker);
        f.cancel();
        assertEquals(0, src.position(), "the bytes of a cancelled write went to nobody");
        assertEquals("", w.text());
        assertThrows(IllegalStateException.class, () -> cx.poll(f));
    }

    @Test
    void writeAllWritesEveryByteOverPartialWritesAndPendings() {
        var w = new FakeWriter();
        w.writeSteps.add(2);
        w.writeSteps.add(PENDING);
        w.writeSteps.add(1);
        var f = w.writeAll(bytes("abcdefgh"));
        assertSame(Poll.pending(), cx.poll(f));
        assertEquals(null, cx.ready(f));
        assertEquals("abcdefgh", w.text());
        assertThrows(IllegalStateException.class, () -> cx.poll(f));
        assertEquals(0, w.flushes, "writeAll does not flush");
    }

    @Test
    void aCancelledWriteAllSaysExactlyWhichPrefixWasWritten() {
        var w = new FakeWriter();
        w.writeSteps.add(3);
        w.writeSteps.add(PENDING);
        var src = bytes("abcdefgh");
        var f = w.writeAll(src);
        assertSame(Poll.pending(), cx.poll(f));
        f.cancel();
        assertEquals(3, src.position());
        assertEquals("abc", w.text());
        cx.ready(w.writeAll(src));
        assertEquals("abcdefgh", w.text(), "the rest, resumed from the position");
    }

    @Test
    void faultsAndWriteZeroFailTheFuture() {
        var boom = new IOException("broken");
        var w = new FakeWriter();
        w.writeSteps.add(2);
        w.writeSteps.add(boom);
        var src = bytes("abcdef");
        assertSame(boom, cx.failed(w.writeAll(src)));
        assertEquals(2, src.position());
        var zero = new FakeWriter();
        zero.writeSteps.add(0);
        var e = assertInstanceOf(IOException.class, cx.failed(zero.writeAll(bytes("x"))));
        assertTrue(e.getMessage().contains("write zero"), e.getMessage());
        var w2 = new FakeWriter();
        w2.writeSteps.add(boom);
        assertSame(boom, cx.failed(w2.write(bytes("x"))));
        var w3 = new FakeWriter();
        w3.flushSteps.add(boom);
        assertSame(boom, cx.failed(w3.flush()));
        w3.shutdownSteps.add(boom);
        assertSame(boom, cx.failed(w3.shutdown()));
    }

    @Test
    void flushAndShutdownWaitForTheSink() {
        var w = new FakeWriter();
        w.flushSteps.add(PENDING);
        var f = w.flush();
        assertSame(Poll.pending(), cx.poll(f));
        assertEquals(0, w.flushes);
        cx.ready(f);
        assertEquals(1, w.flushes);
        assertThrows(IllegalStateException.class, () -> cx.poll(f));
        w.shutdownSteps.add(PENDING);
        var s = w.shutdown();
        assertSame(Poll.pending(), cx.poll(s));
        s.cancel();
        assertFalse(w.shutDown);
        cx.ready(w.shutdown());
        assertTrue(w.shutDown, "a cancelled shutdown can be started again");
    }

    @Test
    void theDefaultFlushIsDoneAtOnce() {
        AsyncWrite sink = new AsyncWrite() {
            @Override
            public int pollWrite(Context c, ByteBuffer src) {
                int n = src.remaining();
                src.position(src.limit());
                return n;
            }

            @Override
            public boolean pollShutdown(Context c) {
                return true;
            }
        };
        assertEquals(null, cx.ready(sink.flush()));
    }

    @Test
    void badArgumentsAreRejectedByName() {
        var w = new FakeWriter();
        assertRejects("src must not be null", () -> w.write(null));
        assertRejects("src must not be null", () -> w.writeAll(null));
    }
}
