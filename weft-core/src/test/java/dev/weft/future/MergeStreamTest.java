package dev.weft.future;

import static dev.weft.future.ArgChecks.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream.merge. */
class MergeStreamTest {
    private final TestWaker cx = new TestWaker();

    private static Throwable failure(Poll<?> p) {
        return assertInstanceOf(Poll.Failed.class, p).error();
    }

    @Test
    void takesTurnsSoAnAlwaysReadyStreamDoesNotStarveTheOthers() {
        Stream<Integer> ones = Stream.pollFn(c -> Poll.ready(1)); // never ends
        Stream<Integer> twos = Stream.of(2, 2);
        Stream<Integer> merged = Stream.merge(ones, twos);
        assertEquals(List.of(1, 2, 1, 2, 1, 1), cx.ready(merged.take(6).collect()));
    }

    @Test
    void endsWhenEveryStreamEnded() {
        TestStream<String> a = TestStream.of("a1");
        TestStream<String> b = new TestStream<>();
        Stream<String> merged = Stream.merge(a, b);
        assertEquals(Poll.ready("a1"), merged.pollNext(cx));
        assertTrue(merged.pollNext(cx).isPending());
        a.end();
        b.push("b1");
        assertEquals(Poll.ready("b1"), merged.pollNext(cx));
        assertTrue(merged.pollNext(cx).isPending());
        b.end();
        assertTrue(Stream.isEnd(merged.pollNext(cx)));
        assertThrows(IllegalStateException.class, () -> merged.pollNext(cx));
        a.assertNoMisuse();
        b.assertNoMisuse();
        assertTrue(Stream.isEnd(Stream.merge().pollNext(cx)));
    }

    @Test
    void anItemPushedFromAnotherThreadWakesTheNewestWaker() throws Exception {
        TestStream<String> a = new TestStream<>();
        TestStream<String> b = new TestStream<>();
        Stream<String> merged = Stream.merge(List.of(a, b));
        TestWaker first = new TestWaker();
        TestWaker latest = new TestWaker();
        assertTrue(merged.pollNext(first).isPending());
        assertTrue(merged.pollNext(latest).isPending());
        Thread t = Thread.ofPlatform().start(() -> b.push("x"));
        t.join();
        assertEquals(0, first.wakes());
        assertEquals(1, latest.wakes());
        assertEquals(Poll.ready("x"), merged.pollNext(latest));
    }

    @Test
    void aFailureFailsTheMergeAndCancelsTheOthers() {
        TestStream<String> a = new TestStream<>();
        TestStream<String> b = new TestStream<>();
        TestStream<String> ended = new TestStream<String>().end();
        Stream<String> merged = Stream.merge(a, b, ended);
        assertTrue(merged.pollNext(cx).isPending());
        IOException e = new IOException("b failed");
        b.fail(e);
        assertSame(e, failure(merged.pollNext(cx)));
        assertEquals(1, a.cancels());
        assertEquals(0, b.cancels());
        assertEquals(0, ended.cancels());
        a.assertNoMisuse();
        b.assertNoMisuse();
        ended.assertNoMisuse();
    }

    @Test
    void aNullItemFailsTheMerge() {
        TestStream<String> other = new TestStream<>();
        Stream<String> merged = Stream.merge(Stream.pollFn(c -> Poll.ready(null)), other);
        assertInstanceOf(NullPointerException.class, failure(merged.pollNext(cx)));
        assertEquals(1, other.cancels());
    }

    @Test
    void cancelCancelsEveryStreamNotEnded() {
        TestStream<String> a = new TestStream<>();
        TestStream<String> b = TestStream.<String>of("b").end();
        Stream<String> merged = Stream.merge(a, b);
        assertEquals(Poll.ready("b"), merged.pollNext(cx));
        assertTrue(merged.pollNext(cx).isPending()); // b ended here
        merged.cancel();
        merged.cancel();
        assertEquals(1, a.cancels());
        assertEquals(0, b.cancels());
        a.assertNoMisuse();
        b.assertNoMisuse();
    }

    @Test
    void rejectsBadArguments() {
        assertRejects("streams", () -> Stream.merge((Stream<String>[]) null));
        assertRejects("streams", () -> Stream.merge((List<Stream<String>>) null));
        assertRejects("streams[1]", () -> Stream.merge(Stream.of(1), null));
        assertRejects("streams[0]", () -> Stream.merge(Arrays.asList((Stream<Integer>) null)));
    }
}
