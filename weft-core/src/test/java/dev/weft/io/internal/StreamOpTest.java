package dev.weft.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.io.AsyncRead;
import dev.weft.io.AsyncWrite;
import dev.weft.io.Io;
import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The arming rules of a stream's re-armable read, write and writeAll futures. */
@Timeout(60)
class StreamOpTest {
    /** A reader that fills whatever room the buffer has, or answers pending when told to. */
    private static final class Filler implements AsyncRead {
        boolean pending;
        IOException fault;

        @Override
        public int pollRead(Context cx, ByteBuffer dst) throws IOException {
            if (fault != null) {
                throw fault;
            }
            if (pending) {
                return Io.PENDING;
            }
            int n = dst.remaining();
            dst.position(dst.limit());
            return n;
        }
    }

    private final TestWaker cx = new TestWaker();

    @Test
    void anIdleOpIsReArmedAndAnOpInUseIsNot() {
        Filler r = new Filler();
        ReadOp idle = ReadOp.idle();
        ReadOp first = idle.rearm(r, ByteBuffer.allocate(8));
        assertSame(idle, first, "an idle op is re-armed");
        ReadOp second = idle.rearm(r, ByteBuffer.allocate(8));
        assertNotSame(first, second, "an op in use is not handed out twice");
        assertEquals(8, cx.ready(first));
        assertEquals(8, cx.ready(second));
        assertSame(idle, idle.rearm(r, ByteBuffer.allocate(3)), "a completed op is idle again");
    }

    @Test
    void aCompletedOpThatNobodyReArmedFailsLoudly() {
        Filler r = new Filler();
        ReadOp op = ReadOp.idle().rearm(r, ByteBuffer.allocate(4));
        assertEquals(4, cx.ready(op));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> op.poll(cx));
        assertTrue(e.getMessage().contains("read future polled after it completed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> ReadOp.idle().poll(cx), "an op never armed");
    }

    @Test
    void cancellingOrFailingLeavesTheOpIdle() {
        Filler r = new Filler();
        ReadOp idle = ReadOp.idle();
        r.pending = true;
        ReadOp op = idle.rearm(r, ByteBuffer.allocate(4));
        assertTrue(op.poll(cx).isPending());
        assertNotSame(idle, idle.rearm(r, ByteBuffer.allocate(4)), "pending: still in use");
        op.cancel();
        assertSame(idle, idle.rearm(r, ByteBuffer.allocate(4)), "cancelled: idle");
        r.pending = false;
        r.fault = new IOException("reset");
        Poll<Integer> failed = idle.poll(cx);
        assertTrue(failed.isReady());
        assertSame(idle, idle.rearm(r, ByteBuffer.allocate(4)), "failed: idle");
    }

    @Test
    void aRepeatedCountIsBoxedOnce() {
        Filler r = new Filler();
        ReadOp idle = ReadOp.idle();
        Integer a = cx.ready(idle.rearm(r, ByteBuffer.allocate(4096)));
        Integer b = cx.ready(idle.rearm(r, ByteBuffer.allocate(4096)));
        assertEquals(4096, a);
        assertSame(a, b, "the same count, the same box");
        assertEquals(5000, cx.ready(idle.rearm(r, ByteBuffer.allocate(5000))));
    }

    @Test
    void writeAndWriteAllOpsFollowTheSameRules() {
        AtomicInteger taken = new AtomicInteger();
        AsyncWrite w = new AsyncWrite() {
            @Override
            public int pollWrite(Context cx, ByteBuffer src) {
                int n = Math.min(2, src.remaining());
                src.position(src.position() + n);
                taken.addAndGet(n);
                return n;
            }

            @Override
            public boolean pollFlush(Context cx) {
                return true;
            }

            @Override
            public boolean pollShutdown(Context cx) {
                return true;
            }
        };
        WriteOp writes = WriteOp.idle();
        assertEquals(2, cx.ready(writes.rearm(w, ByteBuffer.allocate(5))));
        assertSame(writes, writes.rearm(w, ByteBuffer.allocate(5)));
        WriteAllOp alls = WriteAllOp.idle();
        WriteAllOp all = alls.rearm(w, ByteBuffer.allocate(5));
        assertSame(alls, all);
        cx.ready(all);
        assertEquals(7, taken.get());
        assertThrows(IllegalStateException.class, () -> all.poll(cx));
        assertSame(alls, alls.rearm(w, ByteBuffer.allocate(1)));
    }

    /**
     * Two threads re-arm one op as fast as they can: an arming is never handed to both (the
     * counter of holders never passes 1), and each holder's buffer is its own.
     */
    @Test
    void twoThreadsNeverShareAnArming() throws Exception {
        Filler r = new Filler();
        ReadOp shared = ReadOp.idle();
        AtomicInteger holders = new AtomicInteger();
        AtomicReference<String> broken = new AtomicReference<>();
        AtomicInteger sharedUses = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Runnable body = () -> {
            TestWaker w = new TestWaker();
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
            for (int i = 0; i < 200_000 && broken.get() == null; i++) {
                int size = 1 + (i & 63);
                ReadOp op = shared.rearm(r, ByteBuffer.allocate(size));
                if (op == shared) {
                    sharedUses.incrementAndGet();
                    if (holders.incrementAndGet() != 1) {
                        broken.set("two holders of one arming at iteration " + i);
                    }
                    holders.decrementAndGet(); // before the poll that leaves the op idle
                }
                int n = w.ready(op);
                if (n != size) {
                    broken.set("read " + n + " into a buffer of " + size + ": another arming's buffer");
                }
            }
        };
        Thread a = Thread.ofPlatform().start(body);
        Thread b = Thread.ofPlatform().start(body);
        start.countDown();
        a.join();
        b.join();
        assertEquals(null, broken.get());
        assertTrue(sharedUses.get() > 0, "the shared op was used");
    }
}
