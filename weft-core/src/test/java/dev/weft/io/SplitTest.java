package dev.weft.io;

import static dev.weft.io.AsyncReadTest.assertRejects;
import static dev.weft.io.AsyncWriteTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.TestWaker;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitTest {
    private final TestWaker cx = new TestWaker();

    @Test
    void theHalvesReadAndWriteTheStreamAndUnsplitGivesItBack() {
        var s = new FakeStream("in");
        var h = Io.split(s);
        assertEquals("in", DuplexTest.read(cx, h.reader(), 8));
        cx.ready(h.writer().writeAll(bytes("out")));
        cx.ready(h.writer().flush());
        cx.ready(h.writer().shutdown());
        assertEquals("out", s.out.text());
        assertEquals(1, s.out.flushes);
        assertTrue(s.out.shutDown);
        assertTrue(h.reader().isPairOf(h.writer()));
        assertSame(s, h.reader().unsplit(h.writer()));
        var other = Io.split(new FakeStream());
        assertFalse(h.reader().isPairOf(other.writer()));
        assertFalse(h.reader().isPairOf(null));
        assertRejects("writer is the write half of another split", () -> h.reader().unsplit(other.writer()));
        assertRejects("writer must not be null", () -> h.reader().unsplit(null));
        assertRejects("stream must not be null", () -> Io.split((FakeStream) null));
    }

    /**
     * Nobody waits for the lock the halves share (a coroutine blocked on a monitor could hold a
     * worker's task behind it): a half polled while the other is polling the stream is pending,
     * and woken when that poll ends.
     */
    @Test
    void aHalfPolledWhileTheOtherPollsTheStreamIsPendingAndWokenAfter() throws Exception {
        var r = new TestWaker();
        var readDuringWrite = new AtomicInteger(-1);
        var halves = new Io.Halves<?>[1];
        class Stream implements AsyncRead, AsyncWrite {
            @Override
            public int pollRead(Context c, ByteBuffer dst) {
                return Io.EOF;
            }

            @Override
            public int pollWrite(Context c, ByteBuffer src) throws java.io.IOException {
                readDuringWrite.set(halves[0].reader().pollRead(r, ByteBuffer.allocate(1))); // the lock is ours
                int n = src.remaining();
                src.position(src.limit());
                return n;
            }

            @Override
            public boolean pollShutdown(Context c) {
                return true;
            }
        }
        var h = Io.split(new Stream());
        halves[0] = h;
        assertEquals(2, h.writer().pollWrite(cx, bytes("ab")));
        assertEquals(Io.PENDING, readDuringWrite.get(), "the read half found the stream busy");
        assertEquals(1, r.wakes(), "and was woken when the write's poll ended");
        assertEquals(Io.EOF, h.reader().pollRead(r, ByteBuffer.allocate(1)));
    }

    @Test
    void aPendingReadAndAPendingWriteOnTheHalvesAreWokenApart() {
        var p = Io.duplex(2);
        var h = Io.split(p.a());
        cx.ready(h.writer().write(bytes("xy")));
        var r = new TestWaker();
        var w = new TestWaker();
        assertSame(Poll.pending(), r.poll(h.reader().read(ByteBuffer.allocate(4))));
        assertSame(Poll.pending(), w.poll(h.writer().write(bytes("z"))));
        cx.ready(p.b().write(bytes("!")));
        assertEquals(1, r.wakes());
        assertEquals(0, w.wakes());
        assertEquals("xy", DuplexTest.read(cx, p.b(), 4));
        assertEquals(1, w.wakes());
    }

    /** A stream that is not thread-safe and notices when two polls overlap. */
    /**
     * Polls {@code f} to the end, waiting for a wake after each pending: a half that finds the
     * stream busy with the other half answers pending and is woken when that poll ends.
     */
    private static <T> T drive(Future<T> f) {
        var w = new TestWaker();
        for (;;) {
            Poll<T> p = w.poll(f);
            if (!p.isPending()) {
                return p.get();
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!w.takeWoken()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("a pending half was never woken: " + f);
                }
                Thread.onSpinWait();
            }
        }
    }

    static final class Unsafe implements AsyncRead, AsyncWrite {
        final AtomicBoolean busy = new AtomicBoolean();
        final AtomicInteger overlaps = new AtomicInteger();

        private int enter() {
            if (!busy.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            for (int i = 0; i < 20; i++) {
                Thread.onSpinWait();
            }
            busy.set(false);
            return 1;
        }

        @Override
        public int pollRead(Context c, ByteBuffer dst) {
            dst.put((byte) 0);
            return enter();
        }

        @Override
        public int pollWrite(Context c, ByteBuffer src) {
            src.get();
            return enter();
        }

        @Override
        public boolean pollShutdown(Context c) {
            return true;
        }
    }

    @Test
    void theHalvesNeverPollTheStreamAtOnce() throws Exception {
        var s = new Unsafe();
        var h = Io.split(s);
        int rounds = 20_000;
        Thread reader = Thread.ofPlatform().start(() -> {
            var buf = ByteBuffer.allocate(1);
            for (int i = 0; i < rounds; i++) {
                buf.clear();
                drive(h.reader().read(buf));
            }
        });
        var src = ByteBuffer.allocate(1);
        for (int i = 0; i < rounds; i++) {
            src.clear();
            drive(h.writer().write(src));
        }
        reader.join(30_000);
        assertFalse(reader.isAlive());
        assertEquals(0, s.overlaps.get(), "the shared lock serialises the halves");
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void twoTasksUseTheHalvesAtOnce(boolean multi) throws Exception {
        try (Runtime rt = TestWaker.runtime(multi)) {
            var p = Io.duplex(16);
            var server = rt.spawn(Async.async(() -> {
                long n = Io.copy(p.b(), p.b()).await();
                p.b().shutdown().await();
                return n;
            }));
            var h = Io.split(p.a());
            byte[] data = CopyTest.pattern(30_000);
            var reading = rt.spawn(Async.async(() -> h.reader().readToEnd().await()));
            var writing = rt.spawn(Async.async(() -> {
                h.writer().writeAll(ByteBuffer.wrap(data)).await();
                h.writer().shutdown().await();
                return null;
            }));
            rt.blockOn(writing);
            assertEquals(ByteBuffer.wrap(data), ByteBuffer.wrap(rt.blockOn(reading)));
            assertEquals(30_000L, rt.blockOn(server));
        }
    }
}
