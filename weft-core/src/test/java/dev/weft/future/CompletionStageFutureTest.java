package dev.weft.future;

import static dev.weft.future.ArgChecks.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Futures#from}: a CompletionStage as a Weft future. */
class CompletionStageFutureTest {
    private final TestWaker cx = new TestWaker();

    @Test
    void aCompletedStageIsReadyAtTheFirstPoll() {
        Future<String> f = Futures.from(CompletableFuture.completedFuture("done"));
        assertEquals(Poll.ready("done"), f.poll(cx));
        assertEquals(0, cx.wakes(), "a stage complete at the first poll needs no wake-up");
    }

    @Test
    void aNullValueIsReadyWithNull() {
        assertEquals(Poll.ready(null), Futures.from(CompletableFuture.completedFuture(null)).poll(cx));
    }

    @Test
    void theCallbackIsRegisteredAtTheFirstPollNotBefore() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = Futures.from(cf);
        assertEquals(0, cf.getNumberOfDependents(), "lazy: nothing registered before the first poll");
        assertTrue(f.poll(cx).isPending());
        assertEquals(1, cf.getNumberOfDependents());
        assertTrue(f.poll(cx).isPending());
        assertEquals(1, cf.getNumberOfDependents(), "polling again registers nothing more");
    }

    @Test
    void completionWakesTheNewestWakerOnly() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = Futures.from(cf);
        TestWaker first = new TestWaker();
        TestWaker second = new TestWaker();
        assertTrue(f.poll(first).isPending());
        assertTrue(f.poll(second).isPending());
        cf.complete("v");
        assertEquals(0, first.wakes());
        assertEquals(1, second.wakes());
        assertEquals(Poll.ready("v"), f.poll(second));
    }

    @Test
    void aFailureIsTheStagesOwnException() {
        IOException boom = new IOException("boom");
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = Futures.from(cf);
        assertTrue(f.poll(cx).isPending());
        cf.completeExceptionally(boom);
        assertSame(boom, assertInstanceOf(Poll.Failed.class, f.poll(cx)).error());
    }

    @Test
    void aDependentStagesFailureIsUnwrappedFromCompletionException() throws Exception {
        IOException boom = new IOException("boom");
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletionStage<Integer> dependent = source.thenApply(String::length).thenApply(n -> n + 1);
        source.completeExceptionally(boom);
        IOException thrown = assertThrows(IOException.class, () -> Futures.blockOn(Futures.from(dependent)));
        assertSame(boom, thrown);
    }

    @Test
    void aCancelledStageFailsWithItsCancellationException() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = Futures.from(cf);
        assertTrue(f.poll(cx).isPending());
        cf.cancel(false);
        assertEquals(1, cx.wakes());
        assertInstanceOf(CancellationException.class, assertInstanceOf(Poll.Failed.class, f.poll(cx)).error());
    }

    @Test
    void pollingAfterReadyIsABug() {
        Future<String> f = Futures.from(CompletableFuture.completedFuture("x"));
        f.poll(cx);
        assertThrows(IllegalStateException.class, () -> f.poll(cx));
    }

    @Test
    void cancelCancelsTheStageAndForgetsTheWaker() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = Futures.from(cf);
        assertTrue(f.poll(cx).isPending());
        f.cancel();
        assertTrue(cf.isCancelled());
        assertEquals(0, cx.wakes(), "a cancelled future no longer wakes its poller");
        assertThrows(IllegalStateException.class, () -> f.poll(cx));
    }

    @Test
    void cancelBeforeTheFirstPollCancelsTheStageToo() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Futures.from(cf).cancel();
        assertTrue(cf.isCancelled());
    }

    @Test
    void cancelOfACopyLeavesTheSharedStageRunning() {
        CompletableFuture<String> shared = new CompletableFuture<>();
        Future<String> f = Futures.from(shared.copy());
        assertTrue(f.poll(cx).isPending());
        f.cancel();
        assertFalse(shared.isDone());
    }

    @Test
    void aStageThatCannotBecomeACompletableFutureIsLeftRunningOnCancel() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        AtomicInteger conversions = new AtomicInteger();
        @SuppressWarnings("unchecked") // the proxy implements CompletionStage<String> by delegating
        CompletionStage<String> stage = (CompletionStage<String>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {CompletionStage.class}, (proxy, m, args) -> {
                    if (m.getName().equals("toCompletableFuture")) {
                        conversions.incrementAndGet();
                        throw new UnsupportedOperationException("no conversion");
                    }
                    return m.invoke(cf, args);
                });
        Future<String> f = Futures.from(stage);
        assertTrue(f.poll(cx).isPending());
        f.cancel(); // must not throw
        assertEquals(1, conversions.get());
        assertFalse(cf.isDone());
        cf.complete("late");
        assertEquals(0, cx.wakes(), "the outcome of a cancelled future is ignored");
    }

    @Test
    void nullStageIsRejectedByName() {
        assertRejects("stage", () -> Futures.from(null));
    }

    @Test
    @Timeout(30)
    void completionFromAnotherThreadIsNeverLost() throws Exception {
        // the stage completes on another thread while blockOn polls and parks: a lost wake-up hangs
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < 2_000; i++) {
                CompletableFuture<Integer> cf = new CompletableFuture<>();
                int v = i;
                other.execute(() -> cf.complete(v));
                assertEquals(v, (int) Futures.blockOn(Futures.from(cf)));
            }
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aValueWrittenBeforeCompletionIsSeenByThePoller() throws Exception {
        int[] box = new int[1];
        CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> {
            box[0] = 42; // plain write on a pool thread, before the stage completes
            return "ok";
        });
        assertEquals("ok", Futures.blockOn(Futures.from(cf)));
        assertEquals(42, box[0]);
        assertNull(Futures.blockOn(Futures.from(CompletableFuture.runAsync(() -> { }))));
    }
}
