package dev.weft.future;

import static dev.weft.future.ArgChecks.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stream.mapAsync and mapAsyncUnordered. */
class MapAsyncTest {
    private final TestWaker cx = new TestWaker();
    /** The future made for each item, by item. */
    private final Map<Integer, TestFuture<String>> made = new HashMap<>();

    private TestFuture<String> make(int item) {
        TestFuture<String> f = new TestFuture<>("f" + item);
        made.put(item, f);
        return f;
    }

    private static Throwable failure(Poll<?> p) {
        return assertInstanceOf(Poll.Failed.class, p).error();
    }

    @Test
    void orderedKeepsTheSourceOrderWithAtMostNInFlight() {
        TestStream<Integer> src = TestStream.of(1, 2, 3, 4).end();
        Stream<String> out = src.mapAsync(2, this::make);
        assertTrue(out.pollNext(cx).isPending());
        assertEquals(2, made.size(), "two in flight");
        made.get(2).complete("b");
        assertTrue(out.pollNext(cx).isPending(), "2 waits for 1, and still counts as in flight");
        assertEquals(2, made.size());
        made.get(1).complete("a");
        assertEquals(Poll.ready("a"), out.pollNext(cx));
        assertEquals(Poll.ready("b"), out.pollNext(cx));
        assertEquals(3, made.size(), "b waited, so only one place was free");
        assertTrue(out.pollNext(cx).isPending());
        assertEquals(4, made.size());
        made.get(4).complete("d");
        made.get(3).complete("c");
        assertEquals(Poll.ready("c"), out.pollNext(cx));
        assertEquals(Poll.ready("d"), out.pollNext(cx));
        assertTrue(Stream.isEnd(out.pollNext(cx)));
        assertThrows(IllegalStateException.class, () -> out.pollNext(cx));
        src.assertNoMisuse();
        made.values().forEach(TestFuture::assertNoMisuse);
    }

    @Test
    void unorderedYieldsInCompletionOrderWithAtMostNRunning() {
        TestStream<Integer> src = TestStream.of(1, 2, 3).end();
        Stream<String> out = src.mapAsyncUnordered(2, this::make);
        assertTrue(out.pollNext(cx).isPending());
        assertEquals(2, made.size());
        made.get(2).complete("b");
        assertEquals(Poll.ready("b"), out.pollNext(cx));
        assertTrue(out.pollNext(cx).isPending());
        assertEquals(3, made.size(), "the free place pulled the next item");
        made.get(3).complete("c");
        assertEquals(Poll.ready("c"), out.pollNext(cx));
        made.get(1).complete("a");
        assertEquals(Poll.ready("a"), out.pollNext(cx));
        assertTrue(Stream.isEnd(out.pollNext(cx)));
        src.assertNoMisuse();
    }

    @Test
    void aStreamOfFuturesRunsThemWithTheIdentity() {
        Stream<Future<Integer>> futures = Stream.of(Futures.ready(1), Futures.ready(2));
        assertEquals(List.of(1, 2), cx.ready(futures.mapAsync(1, f -> f).collect()));
    }

    @Test
    void aFutureCompletedOnAnotherThreadWakesTheNewestWaker() throws Exception {
        Stream<String> out = TestStream.of(1).mapAsyncUnordered(4, this::make);
        TestWaker first = new TestWaker();
        TestWaker latest = new TestWaker();
        assertTrue(out.pollNext(first).isPending());
        assertTrue(out.pollNext(latest).isPending());
        Thread t = Thread.ofPlatform().start(() -> made.get(1).complete("x"));
        t.join();
        assertEquals(0, first.wakes());
        assertEquals(1, latest.wakes());
        assertEquals(Poll.ready("x"), out.pollNext(latest));
    }

    @Test
    void aFailingFutureFailsAtOnceAndCancelsTheSourceAndTheOthers() {
        TestStream<Integer> src = TestStream.of(1, 2, 3);
        Stream<String> out = src.mapAsync(2, this::make);
        assertTrue(out.pollNext(cx).isPending());
        IOException e = new IOException("boom");
        made.get(2).fail(e);
        assertSame(e, failure(out.pollNext(cx)));
        assertEquals(1, made.get(1).cancels());
        assertEquals(1, src.cancels());
        assertThrows(IllegalStateException.class, () -> out.pollNext(cx));
        src.assertNoMisuse();
        made.values().forEach(TestFuture::assertNoMisuse);
    }

    @Test
    void aFailingSourceCancelsTheFuturesInFlight() {
        IOException e = new IOException("source");
        TestStream<Integer> src = TestStream.of(1).fail(e);
        Stream<String> out = src.mapAsyncUnordered(3, this::make);
        assertSame(e, failure(out.pollNext(cx)));
        assertEquals(1, made.get(1).cancels());
        src.assertNoMisuse();
    }

    @Test
    void aThrowingOrNullMapperFailsAndCancelsTheSource() {
        TestStream<Integer> src = TestStream.of(1);
        Stream<String> out = src.mapAsync(1, i -> {
            throw new IllegalStateException("mapper");
        });
        assertEquals("mapper", failure(out.pollNext(cx)).getMessage());
        assertEquals(1, src.cancels());

        TestStream<Integer> src2 = TestStream.of(1);
        Stream<String> nulls = src2.mapAsync(1, i -> null);
        assertInstanceOf(NullPointerException.class, failure(nulls.pollNext(cx)));
        assertEquals(1, src2.cancels());

        Stream<String> nullOutput = Stream.of(1).mapAsyncUnordered(1, i -> Futures.ready(null));
        assertInstanceOf(NullPointerException.class, failure(nullOutput.pollNext(cx)));
    }

    @Test
    void cancelReleasesTheSourceAndEveryFutureInFlight() {
        TestStream<Integer> src = TestStream.of(1, 2, 3);
        Stream<String> out = src.mapAsync(2, this::make);
        assertTrue(out.pollNext(cx).isPending());
        made.get(2).complete("done-but-waiting");
        assertTrue(out.pollNext(cx).isPending());
        out.cancel();
        out.cancel();
        assertEquals(1, src.cancels());
        assertEquals(1, made.get(1).cancels());
        assertEquals(0, made.get(2).cancels(), "completed: nothing to cancel");
        src.assertNoMisuse();
        made.values().forEach(TestFuture::assertNoMisuse);
    }

    @Test
    void rejectsBadArguments() {
        assertRejects("n", () -> Stream.of(1).mapAsync(0, Futures::ready));
        assertRejects("n", () -> Stream.of(1).mapAsyncUnordered(-1, Futures::ready));
        assertRejects("fn", () -> Stream.of(1).mapAsync(1, null));
        assertRejects("fn", () -> Stream.of(1).mapAsyncUnordered(1, null));
    }
}
