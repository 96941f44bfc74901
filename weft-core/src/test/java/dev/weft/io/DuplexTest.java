package dev.weft.io;

import static dev.weft.io.AsyncReadTest.assertRejects;
import static dev.weft.io.AsyncWriteTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DuplexTest {
    private final TestWaker cx = new TestWaker();

    static String read(TestWaker cx, AsyncRead r, int max) {
        var buf = ByteBuffer.allocate(max);
        int n = cx.ready(r.read(buf));
        return n == Io.EOF ? "EOF" : new String(buf.array(), 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void whatOneEndWritesTheOtherReadsInBothDirections() {
        var p = Io.duplex(64);
        assertEquals(5, cx.ready(p.a().write(bytes("hello"))));
        assertEquals(3, cx.ready(p.b().write(bytes("hey"))));
        assertEquals(5, p.a().buffered());
        assertEquals("hel", read(cx, p.b(), 3));
        assertEquals("lo", read(cx, p.b(), 10));
        assertEquals("hey", read(cx, p.a(), 10));
        assertEquals(0, p.a().buffered());
        assertEquals(null, cx.ready(p.a().flush()));
    }

    @Test
    void aFullDirectionPushesBackUntilThePeerReads() {
        var p = Io.duplex(4);
        var src = bytes("abcdefg");
        assertEquals(4, cx.ready(p.a().write(src)), "a write takes what fits");
        var w = new TestWaker();
        var blocked = p.a().write(src);
        assertSame(Poll.pending(), w.poll(blocked));
        assertEquals(4, src.position());
        assertEquals("ab", read(cx, p.b(), 2));
        assertTrue(w.takeWoken(), "reading made room: the writer is woken");
        assertEquals(2, w.ready(blocked));
        assertEquals("cdef", read(cx, p.b(), 10));
        assertEquals(0, cx.wakes() + w.wakes(), "nobody else was woken");
    }

    @Test
    void aPendingReadIsWokenByAWriteAndOnlyTheNewestWakerIs() {
        var p = Io.duplex(16);
        var old = new TestWaker();
        var newer = new TestWaker();
        var f = p.b().read(ByteBuffer.allocate(8));
        assertSame(Poll.pending(), old.poll(f));
        assertSame(Poll.pending(), newer.poll(f));
        cx.ready(p.a().write(bytes("x")));
        assertEquals(0, old.wakes());
        assertEquals(1, newer.wakes());
        assertEquals(1, newer.ready(f));
    }

    @Test
    void aPendingReadAndAPendingWriteOfOneEndKeepTheirOwnWakers() {
        var p = Io.duplex(1);
        cx.ready(p.a().write(bytes("x")));
        var reader = new TestWaker();
        var writer = new TestWaker();
        assertSame(Poll.pending(), reader.poll(p.a().read(ByteBuffer.allocate(1))));
        assertSame(Poll.pending(), writer.poll(p.a().write(bytes("y"))));
        assertEquals("x", read(cx, p.b(), 1));
        assertEquals(1, writer.wakes());
        cx.ready(p.b().write(bytes("z")));
        assertEquals(1, reader.wakes(), "the write waker did not replace the read waker");
    }

    @Test
    void shutdownGivesThePeerTheEndAfterTheBufferedBytes() {
        var p = Io.duplex(16);
        var w = new TestWaker();
        var pendingRead = p.b().read(ByteBuffer.allocate(8));
        assertSame(Poll.pending(), w.poll(pendingRead));
        cx.ready(p.a().write(bytes("last")));
        w.takeWoken();
        cx.ready(p.a().shutdown());
        assertEquals("last", read(cx, p.b(), 8));
        assertEquals("EOF", read(cx, p.b(), 8));
        assertEquals("EOF", read(cx, p.b(), 8), "the end repeats");
        var e = assertInstanceOf(IOException.class, cx.failed(p.a().write(bytes("more"))));
        assertTrue(e.getMessage().contains("write after shutdown"), e.getMessage());
        cx.ready(p.b().writeAll(bytes("reply")));
        assertEquals("reply", read(cx, p.a(), 8), "the half-closed end still reads");
        cx.ready(p.a().shutdown());
    }

    @Test
    void shutdownWakesAPendingPeerRead() {
        var p = Io.duplex(16);
        var f = p.b().read(ByteBuffer.allocate(8));
        var w = new TestWaker();
        assertSame(Poll.pending(), w.poll(f));
        cx.ready(p.a().shutdown());
        assertTrue(w.takeWoken());
        assertEquals(Io.EOF, w.ready(f));
    }

    @Test
    void closingAnEndBreaksThePeersWritesAndEndsItsReads() {
        var p = Io.duplex(2);
        cx.ready(p.a().write(bytes("hi")));
        cx.ready(p.b().write(bytes("yo")));
        var writer = new TestWaker();
        var blocked = p.b().write(bytes("!"));
        assertSame(Poll.pending(), writer.poll(blocked));
        p.a().close();
        assertTrue(writer.takeWoken(), "the blocked peer write is woken by the close");
        var e = assertInstanceOf(IOException.class, writer.failed(blocked));
        assertTrue(e.getMessage().contains("broken pipe"), e.getMessage());
        assertEquals("hi", read(cx, p.b(), 8), "what was written before the close is still read");
        assertEquals("EOF", read(cx, p.b(), 8));
        p.a().close(); // idempotent
        var closed = assertInstanceOf(ClosedChannelException.class, cx.failed(p.a().read(ByteBuffer.allocate(1))));
        assertTrue(closed.getMessage().contains("read after close"), closed.getMessage());
        assertInstanceOf(ClosedChannelException.class, cx.failed(p.a().write(bytes("x"))));
        assertInstanceOf(ClosedChannelException.class, cx.failed(p.a().flush()));
        assertInstanceOf(ClosedChannelException.class, cx.failed(p.a().shutdown()));
        cx.ready(p.b().shutdown()); // shutting down towards a closed peer is fine
    }

    @Test
    void closingAnEndWakesAPendingPeerRead() {
        var p = Io.duplex(8);
        var f = p.b().read(ByteBuffer.allocate(8));
        var w = new TestWaker();
        assertSame(Poll.pending(), w.poll(f));
        p.a().close();
        assertTrue(w.takeWoken());
        assertEquals(Io.EOF, w.ready(f));
    }

    @Test
    void closingAnEndWakesItsOwnPendingReadAndWriteToFail() {
        var p = Io.duplex(1);
        cx.ready(p.a().write(bytes("x")));
        var r = new TestWaker();
        var w = new TestWaker();
        var read = p.a().read(ByteBuffer.allocate(1));
        var write = p.a().write(bytes("y"));
        assertSame(Poll.pending(), r.poll(read));
        assertSame(Poll.pending(), w.poll(write));
        p.a().close(); // from another task, say
        assertTrue(r.takeWoken(), "the pending read of the closed end is woken");
        assertTrue(w.takeWoken(), "the pending write of the closed end is woken");
        assertInstanceOf(ClosedChannelException.class, r.failed(read));
        assertInstanceOf(ClosedChannelException.class, w.failed(write));
    }

    @Test
    void aCancelledReadLosesNoBytesAndACancelledWriteWroteNone() {
        var p = Io.duplex(3);
        var read = p.b().read(ByteBuffer.allocate(8));
        assertSame(Poll.pending(), cx.poll(read));
        read.cancel();
        cx.ready(p.a().write(bytes("abc")));
        var src = bytes("def");
        var write = p.a().write(src);
        assertSame(Poll.pending(), cx.poll(write));
        write.cancel();
        assertEquals(0, src.position());
        assertEquals("abc", read(cx, p.b(), 8), "the cancelled read took nothing; the cancelled write gave nothing");
        cx.ready(p.a().shutdown());
        assertEquals("EOF", read(cx, p.b(), 8));
    }

    @Test
    void theBufferGrowsOnDemandAndWrapsAround() {
        var p = Io.duplex(1 << 20);
        byte[] big = new byte[3000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        assertEquals(3000, cx.ready(p.a().write(ByteBuffer.wrap(big))));
        var got = ByteBuffer.allocate(3000);
        cx.ready(p.b().readExact(got));
        assertEquals(ByteBuffer.wrap(big), got.flip());
        var small = Io.duplex(5);
        var sb = new StringBuilder();
        String text = "the quick brown fox jumps over the lazy dog";
        var src = bytes(text);
        for (int i = 0; src.hasRemaining() || small.a().buffered() > 0; i++) {
            if (src.hasRemaining()) {
                var write = small.a().write(src.slice(src.position(), Math.min(src.remaining(), 1 + i % 4)));
                if (cx.poll(write) instanceof Poll.Ready<Integer> r) {
                    src.position(src.position() + r.value());
                } else {
                    write.cancel(); // full: read first
                }
            }
            if (small.a().buffered() > 0) {
                sb.append(read(cx, small.b(), 1 + (i * 7) % 5));
            }
        }
        assertEquals(text, sb.toString());
    }

    @Test
    void aSimplexPipeCarriesOneWay() {
        var pipe = Io.simplex(4);
        assertEquals(4, cx.ready(pipe.writer().write(bytes("abcdef"))));
        assertEquals(4, pipe.reader().buffered());
        assertEquals(4, pipe.writer().buffered());
        assertEquals("abcd", read(cx, pipe.reader(), 8));
        cx.ready(pipe.writer().flush());
        pipe.writer().close();
        assertEquals("EOF", read(cx, pipe.reader(), 8));
        assertInstanceOf(ClosedChannelException.class, cx.failed(pipe.writer().write(bytes("x"))));
        var pipe2 = Io.simplex(4);
        cx.ready(pipe2.writer().write(bytes("ab")));
        pipe2.reader().close();
        assertEquals(0, pipe2.writer().buffered(), "the unread bytes were dropped");
        var e = assertInstanceOf(IOException.class, cx.failed(pipe2.writer().write(bytes("x"))));
        assertTrue(e.getMessage().contains("broken pipe"), e.getMessage());
        assertInstanceOf(ClosedChannelException.class, cx.failed(pipe2.reader().read(ByteBuffer.allocate(1))));
        cx.ready(pipe2.writer().shutdown());
    }

    @Test
    void badSizesAreRejectedByName() {
        assertRejects("maxBufSize must be at least 1, was 0", () -> Io.duplex(0));
        assertRejects("maxBufSize must be at least 1, was -3", () -> Io.simplex(-3));
    }
}
