package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.testkit.Gc;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broadcast or watch sender nobody closed closes when it becomes unreachable, so a waiting
 * receiver sees the end instead of waiting forever (the mpsc case is
 * {@link MpscUnreachableSenderTest}).
 */
@Timeout(60)
class UnreachableSenderTest {

    /** Collects garbage until {@code done} completes. */
    private static <T> T gcUntil(CompletableFuture<T> done) throws Exception {
        return Gc.until(done, "the end of a channel whose only sender is unreachable");
    }

    private static <T> CompletableFuture<T> onVirtualThread(java.util.function.Supplier<T> body) {
        return CompletableFuture.supplyAsync(body, r -> Thread.ofVirtual().start(r));
    }

    private static Broadcast.Receiver<String> broadcastReceiverOfAForgottenSender() {
        Broadcast.Channel<String> ch = Broadcast.channel(4);
        ch.sender().send("a");
        return ch.receiver();
    }

    @Test
    void aBroadcastReceiverSeesTheEndAfterItsLastSenderBecameUnreachable() throws Exception {
        Broadcast.Receiver<String> rx = broadcastReceiverOfAForgottenSender();
        assertEquals(Optional.of("a"), rx.recv().await(), "what was sent is still received first");
        assertEquals(Optional.empty(), gcUntil(onVirtualThread(() -> rx.recv().await())));
    }

    @Test
    void aBroadcastCopyKeepsTheChannelOpenUntilItIsClosedToo() throws Exception {
        Broadcast.Channel<String> ch = Broadcast.channel(4);
        Broadcast.Sender<String> kept = ch.sender().copy(); // the original becomes unreachable below
        Broadcast.Receiver<String> rx = ch.receiver();
        ch = null;
        CompletableFuture<Optional<String>> next = onVirtualThread(() -> rx.recv().await());
        for (int i = 0; i < 20; i++) {
            System.gc();
        }
        kept.send("still open");
        assertEquals(Optional.of("still open"), next.get(10, TimeUnit.SECONDS));
        kept.close();
        assertEquals(Optional.empty(), gcUntil(onVirtualThread(() -> rx.recv().await())));
    }

    private static Watch.Receiver<String> watchReceiverOfAForgottenSender() {
        Watch.Channel<String> ch = Watch.channel("v0");
        return ch.receiver();
    }

    @Test
    void aWatchReceiverWaitingForAChangeFailsClosedAfterTheSenderBecameUnreachable() throws Exception {
        Watch.Receiver<String> rx = watchReceiverOfAForgottenSender();
        CompletableFuture<Void> changed = onVirtualThread(() -> rx.changed().await());
        ExecutionException e = assertThrows(ExecutionException.class, () -> gcUntil(changed));
        assertEquals(ChannelClosedException.class, e.getCause().getClass());
        assertEquals("v0", rx.borrow(), "the last value stays readable");
    }
}
