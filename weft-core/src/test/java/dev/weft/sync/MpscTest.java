package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MpscTest {

    private static <T> T ready(Poll<T> p) {
        return assertInstanceOf(Poll.Ready.class, p, () -> "expected ready, was " + p) != null ? p.get() : null;
    }

    @Test
    void badArgumentsNameThemselves() {
        var e = assertThrows(IllegalArgumentException.class, () -> Mpsc.bounded(0));
        assertEquals("capacity must be at least 1, was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Mpsc.bounded(MpscChannel.MAX_CAPACITY + 1));
        assertTrue(e.getMessage().startsWith("capacity must be at most 4194303"), e.getMessage());
        var tx = Mpsc.<String>unbounded().sender();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tx.send(null)).getMessage().contains("value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tx.trySend(null)).getMessage().contains("value"));
    }

    @Test
    void aLargeBoundedChannelKeepsItsBoundInLinkedSegments() {
        int capacity = MpscSlots.RING_MAX + 1;
        var ch = Mpsc.<Integer>bounded(capacity);
        for (int i = 0; i < capacity; i++) {
            assertEquals(TrySend.SENT, ch.sender().trySend(i));
        }
        assertEquals(TrySend.FULL, ch.sender().trySend(-1));
        assertEquals(0, ((TryRecv.Received<Integer>) ch.receiver().tryRecv()).value());
        assertEquals(TrySend.SENT, ch.sender().trySend(capacity));
        for (int i = 1; i <= capacity; i++) {
            assertEquals(i, ((TryRecv.Received<Integer>) ch.receiver().tryRecv()).value());
        }
        assertEquals(TryRecv.empty(), ch.receiver().tryRecv());
    }

    @Test
    void boundedTrySendFillsUpAndReceivingFreesASlot() {
        var ch = Mpsc.<Integer>bounded(2);
        assertEquals(TrySend.SENT, ch.sender().trySend(1));
        assertEquals(TrySend.SENT, ch.sender().trySend(2));
        assertEquals(TrySend.FULL, ch.sender().trySend(3));
        assertEquals(new TryRecv.Received<>(1), ch.receiver().tryRecv());
        assertEquals(TrySend.SENT, ch.sender().trySend(3));
        assertEquals(new TryRecv.Received<>(2), ch.receiver().tryRecv());
        assertEquals(new TryRecv.Received<>(3), ch.receiver().tryRecv());
        assertSame(TryRecv.empty(), ch.receiver().tryRecv());
    }

    @Test
    void waitingSendersGetSlotsInFifoOrderAndTrySendCannotJumpTheQueue() {
        var ch = Mpsc.<Integer>bounded(1);
        var tx = ch.sender();
        var rx = ch.receiver();
        var w = new Wakers();
        assertEquals(TrySend.SENT, tx.trySend(0));
        var a = tx.send(1);
        var b = tx.send(2);
        var wa = new Wakers();
        var wb = new Wakers();
        assertSame(Poll.pending(), b.poll(wb.cx)); // b waits first
        assertSame(Poll.pending(), a.poll(wa.cx));
        assertEquals(Optional.of(0), ready(rx.recv().poll(w.cx)));
        assertTrue(wb.takeWoken(), "the first waiter got the slot");
        assertFalse(wa.takeWoken());
        assertEquals(TrySend.FULL, tx.trySend(9), "the slot is b's");
        assertSame(Poll.pending(), a.poll(wa.cx));
        assertEquals(null, ready(b.poll(wb.cx)));
        assertEquals(Optional.of(2), ready(rx.recv().poll(w.cx)));
        assertTrue(wa.takeWoken());
        assertEquals(null, ready(a.poll(wa.cx)));
        assertEquals(Optional.of(1), ready(rx.recv().poll(w.cx)));
    }

    @Test
    void aCancelledWaitingSendIsNotEnqueued() {
        var ch = Mpsc.<Integer>bounded(1);
        ch.sender().trySend(0);
        var w = new Wakers();
        var s = ch.sender().send(1);
        assertSame(Poll.pending(), s.poll(w.cx));
        s.cancel();
        assertEquals(new TryRecv.Received<>(0), ch.receiver().tryRecv());
        assertFalse(w.takeWoken(), "a cancelled waiter is not granted a slot");
        assertSame(TryRecv.empty(), ch.receiver().tryRecv());
        assertEquals(TrySend.SENT, ch.sender().trySend(2), "the slot is free");
    }

    @Test
    void aSlotGrantedToASendThatIsThenCancelledGoesToTheNextSender() {
        var ch = Mpsc.<Integer>bounded(1);
        var tx = ch.sender();
        tx.trySend(0);
        var a = tx.send(1);
        var b = tx.send(2);
        var wa = new Wakers();
        var wb = new Wakers();
        assertSame(Poll.pending(), a.poll(wa.cx));
        assertSame(Poll.pending(), b.poll(wb.cx));
        assertEquals(new TryRecv.Received<>(0), ch.receiver().tryRecv()); // slot -> a
        assertTrue(wa.takeWoken());
        a.cancel(); // a never enqueues; its slot goes to b
        assertTrue(wb.takeWoken());
        assertEquals(null, ready(b.poll(wb.cx)));
        assertEquals(new TryRecv.Received<>(2), ch.receiver().tryRecv());
        assertSame(TryRecv.empty(), ch.receiver().tryRecv());
    }

    @Test
    void permitsHoldASlotAndGiveItBackWhenClosed() throws Exception {
        var ch = Mpsc.<Integer>bounded(1);
        var w = new Wakers();
        Mpsc.Permit<Integer> p = ready(ch.sender().reserve().poll(w.cx));
        assertEquals(TrySend.FULL, ch.sender().trySend(1));
        var waiting = ch.sender().reserve();
        assertSame(Poll.pending(), waiting.poll(w.cx));
        p.close();
        assertTrue(w.takeWoken());
        Mpsc.Permit<Integer> q = ready(waiting.poll(w.cx));
        assertTrue(q.send(5));
        assertThrows(IllegalStateException.class, () -> q.send(6));
        q.close(); // no-op after send
        assertEquals(new TryRecv.Received<>(5), ch.receiver().tryRecv());
        assertEquals(TrySend.SENT, ch.sender().trySend(1));
    }

    @Test
    void aPermitKeepsTheStreamOpenAfterTheLastSenderClosed() {
        var ch = Mpsc.<Integer>bounded(2);
        var w = new Wakers();
        Mpsc.Permit<Integer> p = ready(ch.sender().reserve().poll(w.cx));
        ch.sender().close();
        assertSame(Poll.pending(), ch.receiver().pollNext(w.cx));
        assertTrue(p.send(3));
        assertTrue(w.takeWoken());
        assertEquals(Poll.ready(3), ch.receiver().pollNext(w.cx));
        assertTrue(Stream.isEnd(ch.receiver().pollNext(w.cx)));
    }

    @Test
    void theStreamEndsWhenTheLastCopyIsClosedAfterDraining() {
        var ch = Mpsc.<Integer>unbounded();
        var tx2 = ch.sender().copy();
        ch.sender().trySend(1);
        ch.sender().close();
        ch.sender().close(); // idempotent: counts once
        assertEquals(TrySend.CLOSED, ch.sender().trySend(9), "a closed handle cannot send");
        assertThrows(IllegalStateException.class, () -> ch.sender().copy());
        var w = new Wakers();
        assertEquals(Optional.of(1), ready(ch.receiver().recv().poll(w.cx)));
        var r = ch.receiver().recv();
        assertSame(Poll.pending(), r.poll(w.cx));
        tx2.trySend(2);
        assertTrue(w.takeWoken());
        assertEquals(Optional.of(2), ready(r.poll(w.cx)));
        var last = ch.receiver().recv();
        assertSame(Poll.pending(), last.poll(w.cx));
        tx2.close();
        assertTrue(w.takeWoken());
        assertEquals(Optional.empty(), ready(last.poll(w.cx)));
        assertSame(TryRecv.closed(), ch.receiver().tryRecv());
    }

    @Test
    void closingTheReceiverFailsWaitingAndLaterSendsButKeepsBufferedMessages() {
        var ch = Mpsc.<Integer>bounded(1);
        ch.sender().trySend(1);
        var w = new Wakers();
        var s = ch.sender().send(2);
        assertSame(Poll.pending(), s.poll(w.cx));
        assertFalse(ch.sender().isClosed());
        ch.receiver().close();
        assertTrue(ch.sender().isClosed());
        assertTrue(w.takeWoken());
        var f = assertInstanceOf(Poll.Failed.class, s.poll(w.cx));
        assertEquals("mpsc receiver was closed", assertInstanceOf(ChannelClosedException.class, f.error()).getMessage());
        assertEquals(TrySend.CLOSED, ch.sender().trySend(3));
        assertInstanceOf(Poll.Failed.class, ch.sender().reserve().poll(w.cx));
        assertEquals(new TryRecv.Received<>(1), ch.receiver().tryRecv());
        assertSame(TryRecv.closed(), ch.receiver().tryRecv());
    }

    @Test
    void closingTheLastSenderFailsItsPendingSend() {
        var ch = Mpsc.<Integer>bounded(1);
        ch.sender().trySend(1);
        var w = new Wakers();
        var s = ch.sender().send(2);
        assertSame(Poll.pending(), s.poll(w.cx));
        ch.sender().close();
        assertTrue(w.takeWoken());
        assertInstanceOf(Poll.Failed.class, s.poll(w.cx));
        assertEquals(new TryRecv.Received<>(1), ch.receiver().tryRecv());
        assertSame(TryRecv.closed(), ch.receiver().tryRecv());
    }

    @Test
    void aCancelledRecvLosesNothingAndOnlyTheNewestWakerIsWoken() {
        var ch = Mpsc.<Integer>unbounded();
        var w1 = new Wakers();
        var w2 = new Wakers();
        var r = ch.receiver().recv();
        assertSame(Poll.pending(), r.poll(w1.cx));
        assertSame(Poll.pending(), r.poll(w2.cx));
        ch.sender().trySend(1);
        assertEquals(0, w1.wakes());
        assertEquals(1, w2.wakes());
        var r2 = ch.receiver().recv();
        r.cancel();
        assertEquals(Optional.of(1), ready(r2.poll(w1.cx)));
        var r3 = ch.receiver().recv();
        assertSame(Poll.pending(), r3.poll(w1.cx));
        w1.takeWoken();
        r3.cancel();
        ch.sender().trySend(2);
        assertFalse(w1.takeWoken(), "a cancelled recv is not woken");
        assertEquals(new TryRecv.Received<>(2), ch.receiver().tryRecv());
    }

    @Test
    void theUnboundedRingGrowsAndKeepsOrder() {
        var ch = Mpsc.<Integer>unbounded();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) {
                assertEquals(TrySend.SENT, ch.sender().trySend(i));
            }
            assertEquals(100, ch.receiver().len());
            for (int i = 0; i < 100; i++) {
                assertEquals(new TryRecv.Received<>(i), ch.receiver().tryRecv());
            }
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void producersAndAConsumerWithBackpressure(boolean multi) throws Exception {
        try (Runtime rt = OneshotTest.runtime(multi)) {
            var ch = Mpsc.<int[]>bounded(3);
            int producers = 3;
            int each = 300;
            for (int p = 0; p < producers; p++) {
                int id = p;
                var tx = ch.sender().copy();
                rt.spawn(Async.async(() -> {
                    try (tx) {
                        for (int i = 0; i < each; i++) {
                            tx.send(new int[] {id, i}).await();
                        }
                    }
                    return null;
                }));
            }
            ch.sender().close();
            JoinHandle<int[]> consumer = rt.spawn(Async.async(() -> {
                int[] next = new int[producers];
                Optional<int[]> m;
                while ((m = ch.receiver().recv().await()).isPresent()) {
                    int[] msg = m.get();
                    assertEquals(next[msg[0]]++, msg[1], "per-producer FIFO");
                }
                return next;
            }));
            int[] counts = rt.blockOn(consumer);
            for (int c : counts) {
                assertEquals(each, c);
            }
        }
    }

    @Test
    void theReceiverIsAStream() throws Exception {
        try (Runtime rt = OneshotTest.runtime(false)) {
            var ch = Mpsc.<Integer>bounded(2);
            rt.spawn(Async.async(() -> {
                try (var tx = ch.sender()) {
                    for (int i = 1; i <= 5; i++) {
                        tx.send(i).await();
                    }
                }
                return null;
            }));
            assertEquals(List.of(2, 4), rt.blockOn(ch.receiver().filter(x -> x % 2 == 0).collect()));
        }
    }

    @Test
    void blockingSendAndRecvBetweenPlainThreads() throws Exception {
        var ch = Mpsc.<Integer>bounded(1);
        List<Integer> got = new ArrayList<>();
        Thread consumer = Thread.ofPlatform().start(() -> {
            Optional<Integer> m;
            while ((m = ch.receiver().blockingRecv()).isPresent()) {
                got.add(m.get());
            }
        });
        for (int i = 0; i < 50; i++) {
            ch.sender().blockingSend(i);
        }
        ch.sender().close();
        consumer.join(10_000);
        assertFalse(consumer.isAlive());
        assertEquals(50, got.size());
        assertEquals(49, got.get(49));
        var closed = Mpsc.<Integer>bounded(1);
        closed.receiver().close();
        assertThrows(ChannelClosedException.class, () -> closed.sender().blockingSend(1));
    }

    @Test
    void blockingRecvOnAWorkerIsRefused() throws Exception {
        try (Runtime rt = OneshotTest.runtime(false)) {
            var ch = Mpsc.<Integer>bounded(1);
            var h = rt.spawn(cx -> {
                try {
                    ch.receiver().blockingRecv();
                    return Poll.ready("no");
                } catch (IllegalStateException e) {
                    return Poll.ready("refused");
                }
            });
            assertEquals("refused", rt.blockOn(h));
        }
    }
}
