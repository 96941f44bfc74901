package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.future.CancelledException;
import dev.weft.runtime.JoinError;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.time.Time;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A coroutine's {@code recv().await()}, which awaits the channel itself (no future, no
 * {@code Poll} per message): its ends — a message, the end of the channel, cancellation while it
 * waits — on both flavours (and, through the build's executions, every coroutine engine).
 */
@Timeout(30)
class MpscRecvAwaitTest {

    private static Object receiverWaker(Mpsc.Receiver<?> rx) {
        try {
            Field chan = Mpsc.Receiver.class.getDeclaredField("chan");
            chan.setAccessible(true);
            Field waker = MpscChannel.class.getDeclaredField("rxWaker");
            waker.setAccessible(true);
            return waker.get(chan.get(rx));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aWaitingRecvGetsEachMessageInOrder(boolean multi) throws Exception {
        try (Runtime rt = OneshotTest.runtime(multi)) {
            var ch = Mpsc.<Integer>bounded(1);
            JoinHandle<Long> consumer = rt.spawn(() -> {
                long sum = 0;
                Optional<Integer> m;
                int expect = 0;
                while ((m = ch.receiver().recv().await()).isPresent()) {
                    assertEquals(expect++, m.get());
                    sum += m.get();
                }
                return sum;
            });
            rt.spawn(() -> {
                try (var tx = ch.sender()) {
                    for (int i = 0; i < 10_000; i++) {
                        tx.send(i).await();
                    }
                }
                return null;
            });
            assertEquals(10_000L * 9_999 / 2, rt.blockOn(consumer));
        }
    }

    /** Yields until {@code ready} holds, at most {@code LIMIT} times. */
    private static void yieldUntil(java.util.function.BooleanSupplier ready, String what) {
        for (int i = 0; !ready.getAsBoolean(); i++) {
            assertTrue(i < 1_000_000, what);
            Weft.yieldNow().await();
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void anAbortedRecvLeavesNoWakerAndLosesNothing(boolean multi) throws Exception {
        try (Runtime rt = OneshotTest.runtime(multi)) {
            var ch = Mpsc.<Integer>unbounded();
            rt.blockOn(rt.spawn(() -> {
                JoinHandle<Optional<Integer>> consumer = Weft.spawn(() -> ch.receiver().recv().await());
                yieldUntil(() -> receiverWaker(ch.receiver()) != null, "the consumer never waited");
                consumer.abort();
                Exception e = assertThrows(Exception.class, consumer::await);
                assertTrue(assertInstanceOf(JoinError.class, e).isAborted(), e::toString);
                assertNull(receiverWaker(ch.receiver()), "the cancelled receive took its waker away");
                ch.sender().trySend(7);
                assertEquals(new TryRecv.Received<>(7), ch.receiver().tryRecv(), "the message stayed in the channel");
                return null;
            }));
        }
    }

    @Test
    void atTheEndItIsEmptyAndASecondAwaitIsRefused() throws Exception {
        try (Runtime rt = OneshotTest.runtime(false)) {
            var ch = Mpsc.<Integer>bounded(4);
            ch.sender().trySend(1);
            ch.sender().close();
            rt.blockOn(rt.spawn(() -> {
                assertEquals(Optional.of(1), ch.receiver().recv().await());
                var r = ch.receiver().recv();
                assertEquals(Optional.empty(), r.await());
                assertThrows(IllegalStateException.class, r::await);
                return null;
            }));
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aCancelledCoroutineTakesNoMessage(boolean multi) throws Exception {
        try (Runtime rt = OneshotTest.runtime(multi)) {
            var ch = Mpsc.<Integer>unbounded();
            ch.sender().trySend(5);
            AtomicBoolean sleeping = new AtomicBoolean();
            AtomicReference<Throwable> atRecv = new AtomicReference<>();
            JoinHandle<Void> h = rt.spawn(() -> {
                try {
                    sleeping.set(true);
                    Time.sleep(Duration.ofDays(1)).await();
                } catch (CancelledException swallowed) {
                    try {
                        ch.receiver().recv().await(); // still cancelled: refused before it polls
                    } catch (Throwable t) {
                        atRecv.set(t);
                    }
                }
                return null;
            });
            rt.blockOn(rt.spawn(() -> {
                yieldUntil(sleeping::get, "the task never started");
                h.abort();
                assertThrows(Exception.class, h::await);
                return null;
            }));
            assertInstanceOf(CancelledException.class, atRecv.get());
            assertEquals(new TryRecv.Received<>(5), ch.receiver().tryRecv(), "the message stayed in the channel");
        }
    }
}
