package dev.weft.io;

import static dev.weft.io.AsyncReadTest.assertRejects;
import static dev.weft.io.AsyncWriteTest.bytes;
import static dev.weft.io.FakeWriter.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BufWriterTest {
    private final TestWaker cx = new TestWaker();

    @Test
    void smallWritesAreCollectedUntilTheBufferIsFull() {
        var inner = new FakeWriter();
        var w = new BufWriter(inner, 8);
        assertEquals(8, w.capacity());
        assertSame(inner, w.inner());
        cx.ready(w.writeAll(bytes("abc")));
        cx.ready(w.writeAll(bytes("def")));
        assertEquals(6, w.buffered());
        assertEquals("", inner.text(), "nothing reached the inner writer yet");
        cx.ready(w.writeAll(bytes("ghi")));
        assertEquals("abcdef", inner.text(), "a full buffer was written out first");
        assertEquals(1, inner.writes);
        assertEquals(3, w.buffered());
        cx.ready(w.flush());
        assertEquals("abcdefghi", inner.text());
        assertEquals(1, inner.flushes);
        assertEquals(0, w.buffered());
    }

    @Test
    void aLargeWriteGoesStraightThroughAfterTheBufferedBytes() {
        var inner = new FakeWriter();
        var w = new BufWriter(inner, 4);
        cx.ready(w.writeAll(bytes("ab")));
        assertEquals(6, cx.ready(w.write(bytes("cdefgh"))));
        assertEquals("abcdefgh", inner.text(), "in order");
        assertEquals(0, w.buffered());
        assertEquals(0, cx.ready(w.write(ByteBuffer.allocate(0))));
    }

    @Test
    void writeOutWaitsForTheInnerWriterAndKeepsWhatIsLeft() {
        var inner = new FakeWriter();
        var w = new BufWriter(inner, 4);
        cx.ready(w.writeAll(bytes("abc")));
        inner.writeSteps.add(1);
        inner.writeSteps.add(PENDING);
        var src = bytes("de");
        var f = w.write(src);
        assertSame(Poll.pending(), cx.poll(f));
        assertEquals(0, src.position(), "pending: the write took nothing");
        assertEquals(2, w.buffered());
        assertEquals("a", inner.text());
        f.cancel();
        inner.writeSteps.add(PENDING);
        var flush = w.flush();
        assertSame(Poll.pending(), cx.poll(flush));
        assertEquals(0, inner.flushes);
        cx.ready(flush);
        assertEquals("abc", inner.text());
        assertEquals(1, inner.flushes);
    }

    @Test
    void shutdownWritesOutThenShutsTheInnerWriterDown() {
        var inner = new FakeWriter();
        var w = new BufWriter(inner);
        cx.ready(w.writeAll(bytes("bye")));
        inner.writeSteps.add(PENDING);
        var f = w.shutdown();
        assertSame(Poll.pending(), cx.poll(f));
        assertFalse(inner.shutDown);
        cx.ready(f);
        assertTrue(inner.shutDown);
        assertEquals("bye", inner.text());
    }

    @Test
    void faultsOfTheInnerWriterPassThrough() {
        var boom = new IOException("broken pipe");
        var inner = new FakeWriter();
        var w = new BufWriter(inner, 4);
        cx.ready(w.writeAll(bytes("ab")));
        inner.writeSteps.add(boom);
        assertSame(boom, cx.failed(w.writeAll(bytes("cde"))));
        inner.writeSteps.add(0);
        assertTrue(cx.failed(w.flush()).getMessage().contains("write zero"));
    }

    @Test
    void badArgumentsAreRejectedByName() {
        assertRejects("inner must not be null", () -> new BufWriter(null));
        assertRejects("capacity must be at least 1, was -1", () -> new BufWriter(new FakeWriter(), -1));
    }
}
