package dev.weft.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Select}: handlers, failures, guards, streams, else, fairness, cancelling. */
class SelectBuilderTest {
    private final TestWaker cx = new TestWaker();

    @Test
    void theFirstBranchToCompleteRunsItsHandlerAndTheLosersAreCancelledOnce() {
        TestFuture<String> task1 = new TestFuture<>("task1");
        TestFuture<Integer> task2 = new TestFuture<>("task2");
        TestFuture<Void> timeout = new TestFuture<>("timeout");
        Select<String> s = Select.<String>builder()
                .on(task1, v -> "First: " + v)
                .on(task2, v -> "Second: " + v)
                .on(timeout, v -> "Timeout reached")
                .build();
        assertTrue(s.poll(cx).isPending());
        timeout.complete(null);
        assertEquals("Timeout reached", s.poll(cx).get());
        assertEquals(1, task1.cancels());
        assertEquals(1, task2.cancels());
        assertEquals(0, timeout.cancels());
        s.cancel();
        assertEquals(1, task1.cancels(), "cancelled twice");
        assertThrows(IllegalStateException.class, () -> s.poll(cx));
        task1.assertNoMisuse();
        task2.assertNoMisuse();
        timeout.assertNoMisuse();
    }

    @Test
    void losersAreCancelledBeforeTheWinnersHandlerRuns() {
        TestFuture<String> loser = new TestFuture<>("loser");
        int[] cancelsSeenByHandler = {-1};
        Select<String> s = Select.<String>builder()
                .on(loser, v -> v)
                .on(Futures.ready("w"), v -> {
                    cancelsSeenByHandler[0] = loser.cancels();
                    return v;
                })
                .build();
        assertEquals("w", s.poll(cx).get());
        assertEquals(1, cancelsSeenByHandler[0]);
    }

    @Test
    void aFailingBranchFailsTheSelectUnlessItHasAFailureHandler() {
        IOException boom = new IOException("boom");
        TestFuture<String> other = new TestFuture<>("other");
        Select<String> plain = Select.<String>builder()
                .on(Futures.<String>failed(boom), v -> v)
                .on(other, v -> v)
                .build();
        Poll.Failed<String> f = assertInstanceOf(Poll.Failed.class, plain.poll(cx));
        assertSame(boom, f.error());
        assertEquals(1, other.cancels());

        Select<String> handled = Select.<String>builder()
                .on(Futures.<String>failed(boom), v -> v, e -> "handled " + e.getMessage())
                .build();
        assertEquals("handled boom", handled.poll(cx).get());
    }

    @Test
    void aThrowingPollOrHandlerIsTheFailure() {
        TestFuture<String> throwing = new TestFuture<>("throwing");
        IllegalStateException bug = new IllegalStateException("bug");
        throwing.throwOnPoll(bug);
        Select<String> s = Select.<String>builder().on(throwing, v -> v).build();
        assertSame(bug, assertInstanceOf(Poll.Failed.class, s.poll(cx)).error());

        RuntimeException inHandler = new RuntimeException("handler");
        Select<String> h = Select.<String>builder().on(Futures.ready(1), v -> {
            throw inHandler;
        }).build();
        assertSame(inHandler, assertInstanceOf(Poll.Failed.class, h.poll(cx)).error());
    }

    @Test
    void aDisabledBranchIsNeverPolledAndIsCancelledAtTheEnd() {
        TestFuture<String> guarded = TestFuture.completed("never");
        TestFuture<String> open = new TestFuture<>("open");
        Select<String> s = Select.<String>builder()
                .on(false, guarded, v -> v)
                .on(true, open, v -> v)
                .build();
        assertTrue(s.poll(cx).isPending());
        open.complete("yes");
        assertEquals("yes", s.poll(cx).get());
        assertEquals(0, guarded.polls());
        assertEquals(1, guarded.cancels());
    }

    @Test
    void orElseRunsWhenEveryBranchIsDisabled() {
        TestFuture<String> guarded = new TestFuture<>("guarded");
        TestStream<String> ended = TestStream.<String>of().end();
        Select<String> s = Select.<String>builder()
                .on(false, guarded, v -> v)
                .onNext(ended, v -> v)
                .orElse(() -> "all branches disabled")
                .build();
        assertEquals("all branches disabled", s.poll(cx).get());
        assertEquals(1, guarded.cancels());
        assertEquals(0, ended.cancels(), "a stream is borrowed");

        Select<String> noElse = Select.<String>builder().on(false, new TestFuture<String>(), v -> v).build();
        assertInstanceOf(IllegalStateException.class, assertInstanceOf(Poll.Failed.class, noElse.poll(cx)).error());
        assertThrows(IllegalStateException.class, () -> Select.<String>builder().build());
    }

    @Test
    void aStreamBranchTakesOneItemOrItsEnd() {
        TestStream<Integer> rx = TestStream.of(1, 2).end();
        List<Integer> got = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            TestFuture<String> shutdown = new TestFuture<>("shutdown");
            String r = Select.<String>builder()
                    .onNext(rx, item -> {
                        got.add(item);
                        return "item";
                    }, () -> "closed")
                    .on(shutdown, v -> "shutdown")
                    .biased()
                    .build()
                    .poll(cx).get();
            assertEquals(round < 2 ? "item" : "closed", r);
            assertEquals(1, shutdown.cancels());
        }
        assertEquals(List.of(1, 2), got);
        assertEquals(0, rx.cancels());
    }

    @Test
    void aCancelledSelectLosesNoStreamItem() {
        TestStream<Integer> rx = new TestStream<>();
        TestFuture<String> other = new TestFuture<>("other");
        Select<String> s = Select.<String>builder().onNext(rx, i -> "item " + i).on(other, v -> v).build();
        assertTrue(s.poll(cx).isPending());
        rx.push(7);
        s.cancel();
        assertEquals(1, other.cancels());
        assertEquals(0, rx.cancels());
        assertEquals("item 7", Select.<String>builder().onNext(rx, i -> "item " + i).build().poll(cx).get());
    }

    @Test
    void biasedPollsInOrderAndTheDefaultIsRandomFair() {
        for (int i = 0; i < 20; i++) {
            String r = Select.<String>builder()
                    .on(Futures.ready("a"), v -> v)
                    .on(Futures.ready("b"), v -> v)
                    .biased()
                    .build().poll(cx).get();
            assertEquals("a", r);
        }
        Set<String> winners = new HashSet<>();
        for (int i = 0; i < 200 && winners.size() < 3; i++) {
            winners.add(Select.<String>builder()
                    .on(Futures.ready("a"), v -> v)
                    .on(Futures.ready("b"), v -> v)
                    .on(Futures.ready("c"), v -> v)
                    .build().poll(cx).get());
        }
        assertEquals(Set.of("a", "b", "c"), winners);
    }

    @Test
    void cancellingCancelsEveryFutureBranchOnce() {
        TestFuture<String> a = new TestFuture<>("a");
        TestFuture<String> b = new TestFuture<>("b");
        Select<String> s = Select.<String>builder().on(a, v -> v).on(false, b, v -> v).build();
        assertTrue(s.poll(cx).isPending());
        s.cancel();
        s.cancel();
        assertEquals(1, a.cancels());
        assertEquals(1, b.cancels());
        a.assertNoMisuse();
        b.assertNoMisuse();
    }

    @Test
    void aBuilderMakesOneSelect() {
        Select.Builder<String> b = Select.<String>builder().on(Futures.ready("x"), v -> v);
        b.build();
        assertThrows(IllegalStateException.class, b::build);
        assertThrows(IllegalStateException.class, () -> b.on(Futures.ready("y"), v -> v));
        assertThrows(IllegalArgumentException.class, () -> Select.<String>builder().on(null, v -> "x"));
    }
}
