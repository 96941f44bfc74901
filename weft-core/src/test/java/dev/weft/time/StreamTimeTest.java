package dev.weft.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Time.timeoutEach and Time.chunksTimeout, on a paused clock. */
class StreamTimeTest {
    private final TimeFixture fx = new TimeFixture();
    private final TestWaker cx = new TestWaker();

    @AfterEach
    void close() {
        fx.close();
    }

    private static Throwable failure(Poll<?> p) {
        return assertInstanceOf(Poll.Failed.class, p).error();
    }

    private static void assertRejects(String name, Runnable call) {
        var e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(name + " "), e.getMessage());
    }

    // ---- timeoutEach

    @Test
    void timeoutEachPassesItemsThatComeInTimeAndMeasuresEachGapFromThePreviousItem() {
        FedStream<String> src = new FedStream<>();
        Stream<String> s = Time.timeoutEach(Duration.ofMillis(100), src);
        fx.at(50); // the first gap counts from the first poll, not from creation
        assertTrue(s.pollNext(cx).isPending());
        fx.at(140);
        src.push("a");
        assertEquals(Poll.ready("a"), s.pollNext(cx));
        fx.at(230);
        assertTrue(s.pollNext(cx).isPending(), "90 ms since a");
        src.push("b").end();
        assertEquals(Poll.ready("b"), s.pollNext(cx));
        assertTrue(Stream.isEnd(s.pollNext(cx)));
        assertEquals(0, src.cancels());
    }

    @Test
    void timeoutEachFailsWithElapsedAndCancelsTheStreamWhenAGapIsTooLong() {
        FedStream<String> src = new FedStream<>();
        Stream<String> s = Time.timeoutEach(Duration.ofMillis(100), src);
        assertTrue(s.pollNext(cx).isPending());
        assertEquals(0, fx.at(99));
        assertTrue(cx.wakes() == 0);
        assertEquals(1, fx.at(100));
        assertEquals(1, cx.wakes(), "the timer woke the task");
        Throwable e = failure(s.pollNext(cx));
        assertInstanceOf(Elapsed.class, e);
        assertEquals("no item within 100 ms", e.getMessage());
        assertEquals(1, src.cancels());
        assertThrows(IllegalStateException.class, () -> s.pollNext(cx));
    }

    @Test
    void timeoutEachWakesTheTaskForAnItemFromAnotherThread() throws Exception {
        FedStream<String> src = new FedStream<>();
        Stream<String> s = Time.timeoutEach(Duration.ofMillis(100), src);
        assertTrue(s.pollNext(cx).isPending());
        Thread t = Thread.ofPlatform().start(() -> src.push("x"));
        t.join();
        assertEquals(1, cx.wakes());
        assertEquals(Poll.ready("x"), s.pollNext(cx));
    }

    @Test
    void timeoutEachPassesAFailureAndCancelReleasesTheStreamAndTheTimer() {
        IOException boom = new IOException("boom");
        Stream<String> failing = Time.timeoutEach(Duration.ofMillis(100), new FedStream<String>().fail(boom));
        assertSame(boom, failure(failing.pollNext(cx)));

        FedStream<String> src = new FedStream<>();
        Stream<String> s = Time.timeoutEach(Duration.ofMillis(100), src);
        assertTrue(s.pollNext(cx).isPending());
        s.cancel();
        assertEquals(1, src.cancels());
        assertEquals(0, fx.at(1_000), "no timer left");
        assertEquals(0, cx.wakes());
    }

    // ---- chunksTimeout

    @Test
    void chunksTimeoutEmitsFullBatchesAtOnce() {
        FedStream<Integer> src = new FedStream<Integer>().push(1).push(2).push(3).push(4).push(5).end();
        Stream<List<Integer>> s = Time.chunksTimeout(src, 2, Duration.ofMillis(50));
        assertEquals(Poll.ready(List.of(1, 2)), s.pollNext(cx));
        assertEquals(Poll.ready(List.of(3, 4)), s.pollNext(cx));
        assertEquals(Poll.ready(List.of(5)), s.pollNext(cx), "the partial batch at the end");
        assertTrue(Stream.isEnd(s.pollNext(cx)));
        assertThrows(IllegalStateException.class, () -> s.pollNext(cx));
    }

    @Test
    void chunksTimeoutEmitsAPartialBatchWhenItsFirstItemWaitedLongEnough() {
        FedStream<Integer> src = new FedStream<>();
        Stream<List<Integer>> s = Time.chunksTimeout(src, 10, Duration.ofMillis(50));
        assertTrue(s.pollNext(cx).isPending());
        fx.at(100); // no batch open: nothing to time
        assertEquals(0, cx.wakes());
        src.push(1);
        assertTrue(s.pollNext(cx).isPending());
        fx.at(130);
        src.push(2);
        assertTrue(s.pollNext(cx).isPending());
        cx.takeWoken();
        assertEquals(1, fx.at(150), "50 ms after the first item");
        assertTrue(cx.takeWoken());
        assertEquals(Poll.ready(List.of(1, 2)), s.pollNext(cx));
        src.push(3);
        assertTrue(s.pollNext(cx).isPending());
        assertEquals(0, fx.at(199));
        assertEquals(1, fx.at(200));
        assertEquals(Poll.ready(List.of(3)), s.pollNext(cx));
    }

    @Test
    void chunksTimeoutEmitsThePartialBatchBeforeAFailure() {
        IOException boom = new IOException("boom");
        FedStream<Integer> src = new FedStream<Integer>().push(1).fail(boom);
        Stream<List<Integer>> s = Time.chunksTimeout(src, 10, Duration.ofMillis(50));
        assertEquals(Poll.ready(List.of(1)), s.pollNext(cx));
        assertSame(boom, failure(s.pollNext(cx)));
        assertEquals(0, src.cancels());
    }

    @Test
    void chunksTimeoutWakesTheTaskForAnItemFromAnotherThread() throws Exception {
        FedStream<Integer> src = new FedStream<>();
        Stream<List<Integer>> s = Time.chunksTimeout(src, 1, Duration.ofMillis(50));
        assertTrue(s.pollNext(cx).isPending());
        Thread t = Thread.ofPlatform().start(() -> src.push(7));
        t.join();
        assertEquals(1, cx.wakes());
        assertEquals(Poll.ready(List.of(7)), s.pollNext(cx));
    }

    @Test
    void chunksTimeoutCancelReleasesTheStreamAndTheTimer() {
        FedStream<Integer> src = new FedStream<Integer>().push(1);
        Stream<List<Integer>> s = Time.chunksTimeout(src, 10, Duration.ofMillis(50));
        assertTrue(s.pollNext(cx).isPending());
        s.cancel();
        assertEquals(1, src.cancels());
        assertEquals(0, fx.at(1_000), "no timer left");
        assertEquals(0, cx.wakes());
    }

    @Test
    void rejectsBadArguments() {
        Stream<Integer> s = Stream.of(1);
        assertRejects("duration", () -> Time.timeoutEach(null, s));
        assertRejects("duration", () -> Time.timeoutEach(Duration.ofMillis(-1), s));
        assertRejects("stream", () -> Time.timeoutEach(Duration.ZERO, null));
        assertRejects("stream", () -> Time.chunksTimeout(null, 1, Duration.ofMillis(1)));
        assertRejects("maxSize", () -> Time.chunksTimeout(s, 0, Duration.ofMillis(1)));
        assertRejects("duration", () -> Time.chunksTimeout(s, 1, Duration.ZERO));
        assertRejects("duration", () -> Time.chunksTimeout(s, 1, null));
    }

    @Test
    void worksOnAPausedRuntime() throws Exception {
        fx.close();
        try (Runtime rt = Runtime.builder().currentThread().enableAll().startPaused(true).build()) {
            List<List<Long>> batches = rt.blockOn(Async.async(() -> {
                Stream<Long> ticks = Stream.pollFn(new IntervalItems(Time.interval(Duration.ofMillis(30))));
                return Time.chunksTimeout(ticks.take(5), 10, Duration.ofMillis(70)).collect().await();
            }));
            // ticks at 0, 30, 60 | 90, 120 (end): the first batch closes 70 ms after tick 0
            assertEquals(List.of(List.of(0L, 30L, 60L), List.of(90L, 120L)), batches);
        }
    }

    /** The ticks of an interval as a stream of milliseconds since its first tick. */
    private static final class IntervalItems implements java.util.function.Function<dev.weft.future.Context, Poll<Long>> {
        private final Interval interval;
        private java.time.Instant first;

        IntervalItems(Interval interval) {
            this.interval = interval;
        }

        @Override
        public Poll<Long> apply(dev.weft.future.Context c) {
            Poll<java.time.Instant> p = interval.pollTick(c);
            if (p.isPending()) {
                return Poll.pending();
            }
            java.time.Instant t = p.get();
            if (first == null) {
                first = t;
            }
            return Poll.ready(Duration.between(first, t).toMillis());
        }
    }
}
