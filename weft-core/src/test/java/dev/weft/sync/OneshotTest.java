package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Poll;
import dev.weft.runtime.Runtime;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OneshotTest {

    static Runtime runtime(boolean multi) {
        return multi ? Runtime.builder().multiThread().workerThreads(2).enableTime().build()
                : Runtime.builder().currentThread().enableTime().build();
    }

    @Test
    void aSentValueIsReceivedAndItsSenderIsWoken() {
        var ch = Oneshot.<String>channel();
        var w = new Wakers();
        assertSame(Poll.pending(), ch.receiver().poll(w.cx));
        var w2 = new Wakers();
        assertSame(Poll.pending(), ch.receiver().poll(w2.cx));
        assertTrue(ch.sender().send("hi"));
        assertEquals(0, w.wakes(), "only the newest waker is woken");
        assertEquals(1, w2.wakes());
        assertEquals(Poll.ready("hi"), ch.receiver().poll(w2.cx));
        assertThrows(IllegalStateException.class, () -> ch.receiver().poll(w2.cx));
    }

    @Test
    void closingTheSenderWithoutSendingFailsTheReceiver() {
        var ch = Oneshot.<String>channel();
        var w = new Wakers();
        assertSame(Poll.pending(), ch.receiver().poll(w.cx));
        ch.sender().close();
        assertTrue(w.takeWoken());
        var p = assertInstanceOf(Poll.Failed.class, ch.receiver().poll(w.cx));
        var e = assertInstanceOf(ChannelClosedException.class, p.error());
        assertTrue(e.getMessage().contains("without sending"), e.getMessage());
        assertSame(TryRecv.closed(), ch.receiver().tryRecv());
        assertThrows(IllegalStateException.class, () -> ch.sender().send("late"));
    }

    @Test
    void closingTheReceiverRefusesTheSendAndCompletesClosed() {
        var ch = Oneshot.<String>channel();
        var w = new Wakers();
        var closed = ch.sender().closed();
        assertSame(Poll.pending(), closed.poll(w.cx));
        assertFalse(ch.sender().isClosed());
        ch.receiver().close();
        assertTrue(w.takeWoken());
        assertTrue(ch.sender().isClosed());
        assertEquals(Poll.ready(null), closed.poll(w.cx));
        assertFalse(ch.sender().send("nobody"));
        assertInstanceOf(Poll.Failed.class, ch.receiver().poll(w.cx));
    }

    @Test
    void aValueSentBeforeTheReceiverClosedStaysForTryRecv() {
        var ch = Oneshot.<Integer>channel();
        assertSame(TryRecv.empty(), ch.receiver().tryRecv());
        assertTrue(ch.sender().send(7));
        ch.receiver().close();
        assertEquals(new TryRecv.Received<>(7), ch.receiver().tryRecv());
        assertSame(TryRecv.closed(), ch.receiver().tryRecv());
    }

    @Test
    void cancellingAWaitLosesNoValue() {
        var ch = Oneshot.<Integer>channel();
        var w = new Wakers();
        assertSame(Poll.pending(), ch.receiver().poll(w.cx));
        ch.receiver().cancel();
        assertTrue(ch.sender().send(1));
        assertEquals(0, w.wakes(), "a cancelled wait is not woken");
        assertEquals(Poll.ready(1), ch.receiver().poll(w.cx));
    }

    @Test
    void badArgumentsAndDoubleSends() {
        var ch = Oneshot.<Integer>channel();
        var e = assertThrows(IllegalArgumentException.class, () -> ch.sender().send(null));
        assertTrue(e.getMessage().contains("value"));
        ch.sender().send(1);
        assertThrows(IllegalStateException.class, () -> ch.sender().send(2));
        ch.sender().close(); // no-op after a send
        assertEquals(new TryRecv.Received<>(1), ch.receiver().tryRecv());
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aCoroutineAwaitsAValueFromAnotherTask(boolean multi) throws Exception {
        try (Runtime rt = runtime(multi)) {
            var ch = Oneshot.<String>channel();
            var h = rt.spawn(Async.async(() -> ch.receiver().await()));
            rt.spawn(Async.async(() -> ch.sender().send("done")));
            assertEquals("done", rt.blockOn(h));
            var ch2 = Oneshot.<String>channel();
            var h2 = rt.spawn(Async.async(() -> {
                try {
                    return ch2.receiver().await();
                } catch (ChannelClosedException e) {
                    return "closed";
                }
            }));
            rt.spawn(Async.async(() -> {
                ch2.sender().close();
                return null;
            }));
            assertEquals("closed", rt.blockOn(h2));
        }
    }

    @Test
    void blockingRecvOnAPlainThread() throws Exception {
        var ch = Oneshot.<Integer>channel();
        var got = new AtomicReference<Integer>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                got.set(ch.receiver().blockingRecv());
            } catch (ChannelClosedException e) {
                throw new AssertionError(e);
            }
        });
        ch.sender().send(5);
        t.join(5_000);
        assertEquals(5, got.get());
    }

    @Test
    void blockingRecvOnAWorkerIsRefused() throws Exception {
        try (Runtime rt = runtime(false)) {
            var ch = Oneshot.<Integer>channel();
            var h = rt.spawn(cx -> {
                try {
                    ch.receiver().blockingRecv();
                    return Poll.ready("no");
                } catch (ChannelClosedException e) { // an IllegalStateException too: first
                    return Poll.ready("closed");
                } catch (IllegalStateException e) {
                    return Poll.ready("refused");
                }
            });
            assertEquals("refused", rt.blockOn(h));
        }
    }
}
