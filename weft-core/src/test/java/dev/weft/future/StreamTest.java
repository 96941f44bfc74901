package dev.weft.future;

import static dev.weft.future.ArgChecks.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testkit.TestWaker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The {@link Stream} contract pieces and factories: end, isEnd, of, fromIterable, empty, pollFn. */
class StreamTest {
    private final TestWaker cx = new TestWaker();

    /** Polls until the end, failing the test on pending or failure. */
    static <T> List<T> drain(Stream<T> s, Context cx) {
        List<T> out = new ArrayList<>();
        for (;;) {
            Poll<T> p = s.pollNext(cx);
            if (Stream.isEnd(p)) {
                return out;
            }
            assertInstanceOf(Poll.Ready.class, p, "an item expected");
            out.add(p.get());
        }
    }

    @Test
    void endIsASharedReadyPollThatIsEndTells() {
        Poll<String> end = Stream.end();
        assertSame(end, Stream.<Integer>end());
        assertTrue(end.isReady());
        assertTrue(Stream.isEnd(end));
        assertFalse(Stream.isEnd(Poll.ready("x")));
        assertFalse(Stream.isEnd(Poll.ready(null)));
        assertFalse(Stream.isEnd(Poll.pending()));
        assertFalse(Stream.isEnd(Poll.failed(new RuntimeException())));
    }

    @Test
    void ofGivesTheItemsThenTheEndThenRefuses() {
        Stream<String> s = Stream.of("a", "b");
        assertEquals(Poll.ready("a"), s.pollNext(cx));
        assertEquals(Poll.ready("b"), s.pollNext(cx));
        assertTrue(Stream.isEnd(s.pollNext(cx)));
        assertThrows(IllegalStateException.class, () -> s.pollNext(cx));
    }

    @Test
    void ofCopiesTheArray() {
        String[] items = {"a", "b"};
        Stream<String> s = Stream.of(items);
        items[0] = "changed";
        assertEquals(List.of("a", "b"), drain(s, cx));
    }

    @Test
    void ofRejectsNullsNamingThem() {
        assertRejects("items", () -> Stream.of((String[]) null));
        assertRejects("items[1]", () -> Stream.of("a", null));
    }

    @Test
    void emptyEndsAtOnce() {
        Stream<String> s = Stream.empty();
        assertTrue(Stream.isEnd(s.pollNext(cx)));
        assertThrows(IllegalStateException.class, () -> s.pollNext(cx));
        assertTrue(Stream.isEnd(Stream.of().pollNext(cx)));
    }

    @Test
    void fromIterableIsLazyAndGivesTheItemsInOrder() {
        AtomicInteger iterators = new AtomicInteger();
        List<Integer> source = List.of(1, 2, 3);
        Iterable<Integer> counting = () -> {
            iterators.incrementAndGet();
            return source.iterator();
        };
        Stream<Integer> s = Stream.fromIterable(counting);
        assertEquals(0, iterators.get());
        assertEquals(source, drain(s, cx));
        assertEquals(1, iterators.get());
        assertThrows(IllegalStateException.class, () -> s.pollNext(cx));
    }

    @Test
    void fromIterableTurnsIteratorFaultsIntoFailures() {
        RuntimeException boom = new RuntimeException("boom");
        Iterable<String> throwing = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                throw boom;
            }
        };
        Stream<String> s = Stream.fromIterable(throwing);
        assertSame(boom, assertInstanceOf(Poll.Failed.class, s.pollNext(cx)).error());
        assertThrows(IllegalStateException.class, () -> s.pollNext(cx));

        Stream<String> withNull = Stream.fromIterable(Arrays.asList("a", null));
        assertEquals(Poll.ready("a"), withNull.pollNext(cx));
        assertInstanceOf(NullPointerException.class,
                assertInstanceOf(Poll.Failed.class, withNull.pollNext(cx)).error());
    }

    @Test
    void fromIterableRejectsNull() {
        assertRejects("iterable", () -> Stream.fromIterable(null));
    }

    @Test
    void cancelledFactoryStreamsRefuseToBePolled() {
        Stream<String> of = Stream.of("a");
        of.cancel();
        assertThrows(IllegalStateException.class, () -> of.pollNext(cx));
        Stream<String> it = Stream.fromIterable(List.of("a"));
        it.cancel();
        assertThrows(IllegalStateException.class, () -> it.pollNext(cx));
    }

    @Test
    void pollFnPassesItemsPendingAndTheEnd() {
        List<Poll<String>> script = new ArrayList<>(List.of(Poll.ready("a"), Poll.pending(), Stream.end()));
        List<Context> seen = new ArrayList<>();
        Stream<String> s = Stream.pollFn(c -> {
            seen.add(c);
            return script.removeFirst();
        });
        assertEquals(Poll.ready("a"), s.pollNext(cx));
        assertTrue(s.pollNext(cx).isPending());
        assertTrue(Stream.isEnd(s.pollNext(cx)));
        assertEquals(List.of(cx, cx, cx), seen);
        assertThrows(IllegalStateException.class, () -> s.pollNext(cx));
        assertEquals(3, seen.size());
    }

    @Test
    void pollFnTurnsFaultsIntoTerminalFailures() {
        RuntimeException boom = new RuntimeException("boom");
        Stream<String> throwing = Stream.pollFn(c -> {
            throw boom;
        });
        assertSame(boom, assertInstanceOf(Poll.Failed.class, throwing.pollNext(cx)).error());
        assertThrows(IllegalStateException.class, () -> throwing.pollNext(cx));

        Stream<String> nullPoll = Stream.pollFn(c -> null);
        assertInstanceOf(NullPointerException.class,
                assertInstanceOf(Poll.Failed.class, nullPoll.pollNext(cx)).error());

        Stream<String> nullItem = Stream.pollFn(c -> Poll.ready(null));
        assertInstanceOf(NullPointerException.class,
                assertInstanceOf(Poll.Failed.class, nullItem.pollNext(cx)).error());
        assertThrows(IllegalStateException.class, () -> nullItem.pollNext(cx));

        Stream<String> failing = Stream.pollFn(c -> Poll.failed(boom));
        assertSame(boom, assertInstanceOf(Poll.Failed.class, failing.pollNext(cx)).error());
        assertThrows(IllegalStateException.class, () -> failing.pollNext(cx));
    }

    @Test
    void pollFnRejectsNull() {
        assertRejects("fn", () -> Stream.pollFn(null));
    }

    @Test
    void aLambdaIsAStream() throws Exception {
        int[] n = {0};
        Stream<Integer> countdown = c -> n[0] < 3 ? Poll.ready(++n[0]) : Stream.end();
        assertEquals(List.of(1, 2, 3), Futures.blockOn(countdown.collect()));
    }
}
