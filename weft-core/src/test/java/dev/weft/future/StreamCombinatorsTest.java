package dev.weft.future;

import static dev.weft.future.ArgChecks.assertRejects;
import static dev.weft.future.StreamTest.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** next, map, filter, take, collect, forEach, fold. */
class StreamCombinatorsTest {
    private final TestWaker cx = new TestWaker();

    private static Throwable failure(Poll<?> p) {
        return assertInstanceOf(Poll.Failed.class, p).error();
    }

    // ---- next

    @Test
    void nextGivesItemsThenEmptyAtTheEnd() {
        Stream<String> s = Stream.of("a");
        Future<Optional<String>> first = s.next();
        assertEquals(Poll.ready(Optional.of("a")), first.poll(cx));
        assertThrows(IllegalStateException.class, () -> first.poll(cx));
        assertEquals(Poll.ready(Optional.empty()), s.next().poll(cx));
    }

    @Test
    void nextPassesAFailureAndKeepsThePendingContract() {
        TestStream<String> s = new TestStream<>();
        Future<Optional<String>> next = s.next();
        TestWaker first = new TestWaker();
        TestWaker latest = new TestWaker();
        assertTrue(next.poll(first).isPending());
        assertTrue(next.poll(latest).isPending());
        IOException e = new IOException("x");
        s.fail(e);
        assertEquals(0, first.wakes());
        assertEquals(1, latest.wakes());
        assertSame(e, failure(next.poll(latest)));
        s.assertNoMisuse();
    }

    @Test
    void nextIsCancelSafeAndDoesNotCancelTheStream() {
        TestStream<String> s = new TestStream<>();
        Future<Optional<String>> abandoned = s.next();
        assertTrue(abandoned.poll(cx).isPending());
        abandoned.cancel();
        s.push("kept");
        assertEquals(Poll.ready(Optional.of("kept")), s.next().poll(cx));
        assertEquals(0, s.cancels());
        assertEquals(1, s.taken());
        s.assertNoMisuse();
    }

    @Test
    void nextTurnsANullItemIntoAFailure() {
        Stream<String> s = c -> Poll.ready(null);
        assertInstanceOf(NullPointerException.class, failure(s.next().poll(cx)));
    }

    // ---- map

    @Test
    void mapAppliesTheFunctionToEachItem() {
        assertEquals(List.of(1, 2, 3), drain(Stream.of("a", "bb", "ccc").map(String::length), cx));
    }

    @Test
    void mapPassesPendingFailureAndEndWithoutCancelling() {
        TestStream<Integer> inner = new TestStream<>();
        Stream<Integer> s = inner.map(x -> x + 1);
        assertTrue(s.pollNext(cx).isPending());
        assertSame(cx, inner.lastWaker());
        inner.push(1);
        assertEquals(Poll.ready(2), s.pollNext(cx));
        IOException e = new IOException("x");
        inner.fail(e);
        assertSame(e, failure(s.pollNext(cx)));
        assertThrows(IllegalStateException.class, () -> s.pollNext(cx));
        assertEquals(0, inner.cancels());
        inner.assertNoMisuse();
    }

    @Test
    void aThrowingMapFunctionFailsTheStreamAndCancelsTheInnerOnce() {
        TestStream<Integer> inner = TestStream.of(1, 2);
        RuntimeException boom = new RuntimeException("boom");
        Stream<Integer> s = inner.map(x -> {
            throw boom;
        });
        assertSame(boom, failure(s.pollNext(cx)));
        assertEquals(1, inner.cancels());
        assertThrows(IllegalStateException.class, () -> s.pollNext(cx));
        s.cancel();
        assertEquals(1, inner.cancels());
        inner.assertNoMisuse();
    }

    @Test
    void aMapFunctionReturningNullFailsTheStream() {
        TestStream<Integer> inner = TestStream.of(1);
        assertInstanceOf(NullPointerException.class, failure(inner.map(x -> null).pollNext(cx)));
        assertEquals(1, inner.cancels());
    }

    @Test
    void mapCancelCancelsTheInnerOnce() {
        TestStream<Integer> inner = new TestStream<>();
        Stream<Integer> s = inner.map(x -> x);
        s.pollNext(cx);
        s.cancel();
        s.cancel();
        assertEquals(1, inner.cancels());
        inner.assertNoMisuse();
    }

    // ---- filter

    @Test
    void filterKeepsTheMatchingItems() {
        assertEquals(List.of(2, 4), drain(Stream.of(1, 2, 3, 4, 5).filter(x -> x % 2 == 0), cx));
    }

    @Test
    void filterIsPendingWhenTheInnerIsAfterSkipping() {
        TestStream<Integer> inner = TestStream.of(1, 3);
        Stream<Integer> s = inner.filter(x -> x % 2 == 0);
        assertTrue(s.pollNext(cx).isPending());
        assertEquals(2, inner.taken());
        assertSame(cx, inner.lastWaker());
        inner.push(4);
        assertEquals(1, cx.wakes());
        assertEquals(Poll.ready(4), s.pollNext(cx));
        inner.end();
        assertTrue(Stream.isEnd(s.pollNext(cx)));
        assertThrows(IllegalStateException.class, () -> s.pollNext(cx));
        assertEquals(0, inner.cancels());
        inner.assertNoMisuse();
    }

    @Test
    void aThrowingPredicateFailsTheStreamAndCancelsTheInnerOnce() {
        TestStream<Integer> inner = TestStream.of(1);
        RuntimeException boom = new RuntimeException("boom");
        Stream<Integer> s = inner.filter(x -> {
            throw boom;
        });
        assertSame(boom, failure(s.pollNext(cx)));
        s.cancel();
        assertEquals(1, inner.cancels());
        inner.assertNoMisuse();
    }

    // ---- take

    @Test
    void takeCancelsTheInnerAsSoonAsTheLastItemIsOut() {
        TestStream<Integer> inner = TestStream.of(1, 2, 3, 4, 5);
        Stream<Integer> s = inner.take(2);
        assertEquals(Poll.ready(1), s.pollNext(cx));
        assertEquals(0, inner.cancels());
        assertEquals(Poll.ready(2), s.pollNext(cx));
        assertEquals(1, inner.cancels());
        assertTrue(Stream.isEnd(s.pollNext(cx)));
        assertThrows(IllegalStateException.class, () -> s.pollNext(cx));
        s.cancel();
        assertEquals(1, inner.cancels());
        assertEquals(2, inner.polls());
        inner.assertNoMisuse();
    }

    @Test
    void takeZeroNeverPollsTheInner() {
        TestStream<Integer> inner = TestStream.of(1);
        Stream<Integer> s = inner.take(0);
        assertTrue(Stream.isEnd(s.pollNext(cx)));
        assertEquals(0, inner.polls());
        assertEquals(1, inner.cancels());
    }

    @Test
    void takeMoreThanThereIsEndsWithTheInnerWithoutCancelling() {
        TestStream<Integer> inner = TestStream.of(1, 2).end();
        assertEquals(List.of(1, 2), drain(inner.take(10), cx));
        assertEquals(0, inner.cancels());
        inner.assertNoMisuse();
    }

    @Test
    void takePassesPendingAndFailure() {
        TestStream<Integer> inner = new TestStream<>();
        Stream<Integer> s = inner.take(3);
        assertTrue(s.pollNext(cx).isPending());
        assertSame(cx, inner.lastWaker());
        IOException e = new IOException("x");
        inner.fail(e);
        assertSame(e, failure(s.pollNext(cx)));
        s.cancel();
        assertEquals(0, inner.cancels());
        inner.assertNoMisuse();
    }

    @Test
    void cancellingTakeEarlyCancelsTheInnerOnce() {
        TestStream<Integer> inner = TestStream.of(1, 2, 3);
        Stream<Integer> s = inner.take(2);
        s.pollNext(cx);
        s.cancel();
        s.cancel();
        assertEquals(1, inner.cancels());
        inner.assertNoMisuse();
    }

    @Test
    void takeRejectsANegativeCount() {
        var e = assertThrows(IllegalArgumentException.class, () -> Stream.of(1).take(-1));
        assertEquals("n must not be negative, was -1", e.getMessage());
    }

    // ---- collect, forEach, fold

    @Test
    void collectGivesAnUnmodifiableListInOrder() throws Exception {
        List<String> all = Futures.blockOn(Stream.of("a", "b", "c").collect());
        assertEquals(List.of("a", "b", "c"), all);
        assertThrows(UnsupportedOperationException.class, () -> all.add("d"));
        assertEquals(List.of(), Futures.blockOn(Stream.<String>empty().collect()));
    }

    @Test
    void collectKeepsThePendingContractAndRefusesAfterReady() {
        TestStream<Integer> inner = new TestStream<>();
        Future<List<Integer>> f = inner.collect();
        TestWaker first = new TestWaker();
        TestWaker latest = new TestWaker();
        assertTrue(f.poll(first).isPending());
        inner.push(1);
        assertTrue(f.poll(latest).isPending());
        inner.push(2).end();
        assertEquals(1, first.wakes());
        assertEquals(2, latest.wakes());
        assertEquals(Poll.ready(List.of(1, 2)), f.poll(latest));
        assertThrows(IllegalStateException.class, () -> f.poll(latest));
        inner.assertNoMisuse();
    }

    @Test
    void collectFailsWithTheStreamsFailure() {
        IOException e = new IOException("x");
        TestStream<Integer> inner = TestStream.of(1).fail(e);
        assertSame(e, assertThrows(IOException.class, () -> Futures.blockOn(inner.collect())));
        assertEquals(0, inner.cancels());
    }

    @Test
    void cancellingCollectCancelsTheStreamOnce() {
        TestStream<Integer> inner = TestStream.of(1);
        Future<List<Integer>> f = inner.collect();
        f.poll(cx);
        f.cancel();
        f.cancel();
        assertEquals(1, inner.cancels());
        inner.assertNoMisuse();
    }

    @Test
    void aNullItemFailsCollectAndCancelsTheStream() {
        List<Integer> cancels = new ArrayList<>();
        Stream<Integer> s = new Stream<>() {
            @Override
            public Poll<Integer> pollNext(Context c) {
                return Poll.ready(null);
            }

            @Override
            public void cancel() {
                cancels.add(1);
            }
        };
        assertInstanceOf(NullPointerException.class, failure(s.collect().poll(cx)));
        assertEquals(List.of(1), cancels);
    }

    @Test
    void forEachRunsTheActionInOrder() throws Exception {
        List<String> seen = new ArrayList<>();
        assertNull(Futures.blockOn(Stream.of("a", "b").forEach(seen::add)));
        assertEquals(List.of("a", "b"), seen);
    }

    @Test
    void aThrowingActionFailsForEachAndCancelsTheStreamOnce() {
        TestStream<String> inner = TestStream.of("a", "b");
        RuntimeException boom = new RuntimeException("boom");
        Future<Void> f = inner.forEach(x -> {
            throw boom;
        });
        assertSame(boom, failure(f.poll(cx)));
        f.cancel();
        assertEquals(1, inner.cancels());
        assertEquals(1, inner.taken());
        inner.assertNoMisuse();
    }

    @Test
    void foldCombinesTheItems() throws Exception {
        assertEquals(10, Futures.blockOn(Stream.of(1, 2, 3, 4).fold(0, Integer::sum)));
        assertEquals("abc", Futures.blockOn(Stream.of("b", "c").fold("a", String::concat)));
        assertNull(Futures.blockOn(Stream.<String>empty().fold(null, (a, b) -> b)));
    }

    @Test
    void aThrowingFoldFunctionFailsAndCancelsTheStream() {
        TestStream<Integer> inner = TestStream.of(1);
        RuntimeException boom = new RuntimeException("boom");
        assertSame(boom, failure(inner.<Integer>fold(0, (a, b) -> {
            throw boom;
        }).poll(cx)));
        assertEquals(1, inner.cancels());
    }

    @Test
    void aPipelineRunsEndToEnd() throws Exception {
        Future<List<Integer>> f = Stream.fromIterable(List.of(1, 2, 3, 4, 5, 6, 7, 8))
                .filter(x -> x % 2 == 0)
                .map(x -> x * 10)
                .take(3)
                .collect();
        assertEquals(List.of(20, 40, 60), Futures.blockOn(f));
    }

    @Test
    void aStreamFedByAnotherThreadCanBeCollectedWithBlockOn() throws Exception {
        TestStream<Integer> inner = new TestStream<>();
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 5; i++) {
                inner.push(i);
                Thread.yield();
            }
            inner.end();
        });
        assertEquals(List.of(0, 1, 2, 3, 4), Futures.blockOn(inner.collect()));
        producer.join();
        inner.assertNoMisuse();
    }

    @Test
    void rejectsNullFunctionsNamingThem() {
        Stream<Integer> s = Stream.of(1);
        assertRejects("fn", () -> s.map(null));
        assertRejects("predicate", () -> s.filter(null));
        assertRejects("action", () -> s.forEach(null));
        assertRejects("fn", () -> s.fold(0, null));
    }
}
