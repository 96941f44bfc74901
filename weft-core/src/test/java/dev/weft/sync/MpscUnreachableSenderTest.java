package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testkit.Gc;
import java.lang.ref.WeakReference;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A sender nobody closed closes when it becomes unreachable: the receiver sees the end. */
@Timeout(60)
class MpscUnreachableSenderTest {

    /** Makes a channel, sends "a" and drops the sender without closing it. */
    private static Mpsc.Receiver<String> receiverOfAForgottenSender(int capacity) {
        Mpsc.Channel<String> ch = Mpsc.bounded(capacity);
        assertEquals(TrySend.SENT, ch.sender().trySend("a"));
        return ch.receiver();
    }

    /** Collects garbage until {@code done} completes. */
    private static <T> T gcUntil(CompletableFuture<T> done) throws Exception {
        return Gc.until(done, "the end of a channel whose only sender is unreachable");
    }

    @Test
    void recvSeesTheEndAfterTheLastSenderBecameUnreachable() throws Exception {
        Mpsc.Receiver<String> rx = receiverOfAForgottenSender(4);
        assertEquals(Optional.of("a"), rx.recv().await(), "what was sent is still received first");
        CompletableFuture<Optional<String>> end = CompletableFuture.supplyAsync(() -> rx.recv().await(),
                r -> Thread.ofVirtual().start(r));
        assertEquals(Optional.empty(), gcUntil(end));
    }

    @Test
    void anUnreachableCopyDoesNotEndTheChannelWhileAnotherSenderLives() throws Exception {
        Mpsc.Channel<String> ch = Mpsc.unbounded();
        Mpsc.Sender<String> kept = ch.sender();
        Mpsc.Receiver<String> rx = ch.receiver();
        WeakReference<Mpsc.Sender<String>> copy = dropACopy(kept);
        assertEquals(new TryRecv.Received<>("from the copy"), rx.tryRecv());
        for (int i = 0; i < 200 && copy.get() != null; i++) {
            System.gc();
        }
        assertNull(copy.get(), "the copy was collected");
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        assertTrue(rx.tryRecv() instanceof TryRecv.Empty, "still open: one sender lives");
        assertFalse(kept.isClosed());
        kept.close();
        CompletableFuture<Optional<String>> end = CompletableFuture.supplyAsync(() -> rx.recv().await(),
                r -> Thread.ofVirtual().start(r));
        assertEquals(Optional.empty(), gcUntil(end), "closing the last live one ends it (the copy's cleaner ran or runs)");
    }

    private static WeakReference<Mpsc.Sender<String>> dropACopy(Mpsc.Sender<String> sender) {
        Mpsc.Sender<String> copy = sender.copy();
        assertEquals(TrySend.SENT, copy.trySend("from the copy"));
        return new WeakReference<>(copy);
    }

    @Test
    void aPendingRecvIsWokenWhenTheLastSenderIsCollected() throws Exception {
        Mpsc.Receiver<String> rx = receiverOfAForgottenSender(1);
        assertEquals(new TryRecv.Received<>("a"), rx.tryRecv());
        CompletableFuture<Optional<String>> end = CompletableFuture.supplyAsync(() -> rx.recv().await(),
                r -> Thread.ofVirtual().start(r));
        assertEquals(Optional.empty(), gcUntil(end));
    }

    @Test
    void closeThenCollectClosesOnce() throws Exception {
        Mpsc.Channel<String> ch = Mpsc.unbounded();
        Mpsc.Sender<String> copy = ch.sender().copy();
        ch.sender().close();
        ch.sender().close(); // idempotent: counts once
        assertTrue(ch.receiver().tryRecv() instanceof TryRecv.Empty, "the copy keeps it open");
        copy.close();
        assertTrue(ch.receiver().tryRecv() instanceof TryRecv.Closed);
    }
}
