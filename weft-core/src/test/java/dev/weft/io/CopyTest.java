package dev.weft.io;

import static dev.weft.io.AsyncReadTest.assertRejects;
import static dev.weft.io.AsyncWriteTest.bytes;
import static dev.weft.io.FakeReader.EOF;
import static dev.weft.io.FakeReader.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Poll;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CopyTest {
    private final TestWaker cx = new TestWaker();

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + i / 251);
        }
        return b;
    }

    @Test
    void copyMovesEverythingThenFlushesButDoesNotShutDown() {
        byte[] data = pattern(20_000);
        var r = FakeReader.of(java.util.Arrays.copyOfRange(data, 0, 9000), PENDING,
                java.util.Arrays.copyOfRange(data, 9000, data.length));
        var w = new FakeWriter();
        w.maxPerWrite = 1000;
        w.writeSteps.add(PENDING);
        var f = Io.copy(r, w);
        Poll<Long> p;
        int pendings = 0;
        while ((p = cx.poll(f)).isPending()) {
            pendings++;
        }
        assertEquals(2, pendings);
        assertEquals(20_000L, p.get());
        assertEquals(java.nio.ByteBuffer.wrap(data), java.nio.ByteBuffer.wrap(w.written.toByteArray()));
        assertEquals(20_000, w.flushedUpTo, "flushed at the end");
        assertFalse(w.shutDown, "copy does not half-close the writer (Tokio's io::copy)");
        assertThrows(IllegalStateException.class, () -> cx.poll(f));
    }

    @Test
    void aQuietReaderMakesCopyFlushWhatItWrote() {
        var r = FakeReader.of("abc", PENDING, "def");
        var inner = new FakeWriter();
        var f = Io.copy(r, new BufWriter(inner));
        assertSame(Poll.pending(), cx.poll(f));
        assertEquals("abc", inner.text(), "the BufWriter was flushed while the reader was pending");
        assertEquals(1, inner.flushes);
        assertEquals(6L, cx.ready(f));
        assertEquals("abcdef", inner.text());
    }

    @Test
    void copyFromABufferedReaderUsesItsBuffer() {
        byte[] data = pattern(50_000);
        var inner = FakeReader.of(java.util.Arrays.copyOfRange(data, 0, 30_000), PENDING,
                java.util.Arrays.copyOfRange(data, 30_000, data.length), EOF);
        var w = new FakeWriter();
        w.maxPerWrite = 777;
        var f = Io.copy(new BufReader(inner, 4096), w);
        assertSame(Poll.pending(), cx.poll(f));
        assertEquals(50_000L, cx.ready(f));
        assertEquals(java.nio.ByteBuffer.wrap(data), java.nio.ByteBuffer.wrap(w.written.toByteArray()));
        assertEquals(50_000, w.flushedUpTo);
    }

    @Test
    void faultsOnEitherSideFailTheCopy() {
        var boom = new IOException("boom");
        assertSame(boom, cx.failed(Io.copy(FakeReader.of("ab", boom), new FakeWriter())));
        var w = new FakeWriter();
        w.writeSteps.add(boom);
        assertSame(boom, cx.failed(Io.copy(FakeReader.of("ab"), w)));
        var w2 = new FakeWriter();
        w2.writeSteps.add(1);
        w2.writeSteps.add(boom);
        assertSame(boom, cx.failed(Io.copy(new BufReader(FakeReader.of("abc")), w2)));
        var zero = new FakeWriter();
        zero.writeSteps.add(0);
        assertTrue(cx.failed(Io.copy(FakeReader.of("a"), zero)).getMessage().contains("write zero"));
        var f = Io.copy(FakeReader.of(PENDING), new FakeWriter());
        assertSame(Poll.pending(), cx.poll(f));
        f.cancel();
        assertThrows(IllegalStateException.class, () -> cx.poll(f));
    }

    @Test
    void badArgumentsAreRejectedByName() {
        var s = new FakeStream();
        assertRejects("reader must not be null", () -> Io.copy(null, s));
        assertRejects("writer must not be null", () -> Io.copy(s, null));
        assertRejects("a must not be null", () -> Io.copyBidirectional((FakeStream) null, s));
        assertRejects("b must not be null", () -> Io.copyBidirectional(s, (FakeStream) null));
    }

    @Test
    void copyBidirectionalHalfClosesEachSideWhenTheOtherEnds() {
        var a = new FakeStream("hello", EOF);
        var b = new FakeStream(PENDING);
        var f = Io.copyBidirectional(a, b);
        assertSame(Poll.pending(), cx.poll(f));
        assertEquals("hello", b.out.text());
        assertTrue(b.out.shutDown, "a ended: b's write direction was shut down");
        assertFalse(a.out.shutDown);
        b.in.add("bye").add(EOF);
        assertEquals(new Io.Copied(5, 3), cx.ready(f));
        assertEquals("bye", a.out.text());
        assertTrue(a.out.shutDown);
        assertThrows(IllegalStateException.class, () -> cx.poll(f));
    }

    @Test
    void copyBidirectionalWaitsForAPendingShutdownAndFailsOnAFault() {
        var a = new FakeStream(EOF);
        var b = new FakeStream(EOF);
        b.out.shutdownSteps.add(FakeWriter.PENDING);
        var f = Io.copyBidirectional(a, b);
        assertSame(Poll.pending(), cx.poll(f));
        assertTrue(a.out.shutDown);
        assertEquals(new Io.Copied(0, 0), cx.ready(f));
        var boom = new IOException("reset");
        var c = new FakeStream("x", PENDING);
        var d = new FakeStream(boom);
        assertSame(boom, cx.failed(Io.copyBidirectional(c, d)));
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aProxyBetweenTwoDuplexesCarriesBothWays(boolean multi) throws Exception {
        try (Runtime rt = TestWaker.runtime(multi)) {
            var front = Io.duplex(32);
            var back = Io.duplex(32);
            byte[] request = pattern(10_000);
            var proxy = rt.spawn(Async.async(() -> Io.copyBidirectional(front.b(), back.a()).await()));
            var server = rt.spawn(Async.async(() -> {
                byte[] got = back.b().readToEnd().await();
                back.b().writeAll(bytes("got " + got.length)).await();
                back.b().shutdown().await();
                return got;
            }));
            String reply = rt.blockOn(rt.spawn(Async.async(() -> {
                front.a().writeAll(ByteBuffer.wrap(request)).await();
                front.a().shutdown().await();
                return front.a().readToString().await();
            })));
            assertEquals("got 10000", reply);
            assertEquals(ByteBuffer.wrap(request), ByteBuffer.wrap(rt.blockOn(server)));
            assertEquals(new Io.Copied(10_000, "got 10000".getBytes(StandardCharsets.UTF_8).length), rt.blockOn(proxy));
        }
    }
}
