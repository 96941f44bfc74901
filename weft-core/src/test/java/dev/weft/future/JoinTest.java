package dev.weft.future;

import static dev.weft.future.ArgChecks.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Futures#join} and {@link Futures#join2}. */
class JoinTest {
    private final TestWaker cx = new TestWaker();

    @Test
    void collectsTheValuesInArgumentOrder() {
        TestFuture<String> a = new TestFuture<>("a");
        TestFuture<String> b = new TestFuture<>("b");
        TestFuture<String> c = new TestFuture<>("c");
        Future<List<String>> join = Futures.join(a, b, c);
        assertTrue(join.poll(cx).isPending());
        c.complete("C");
        a.complete("A");
        assertTrue(join.poll(cx).isPending());
        b.complete("B");
        Poll<List<String>> p = join.poll(cx);
        assertEquals(Poll.ready(List.of("A", "B", "C")), p);
        assertThrows(UnsupportedOperationException.class, () -> p.get().add("D"));
        assertThrows(IllegalStateException.class, () -> join.poll(cx));
        for (TestFuture<String> f : List.of(a, b, c)) {
            assertEquals(0, f.cancels());
            f.assertNoMisuse(); // in particular: no child polled after it completed
        }
    }

    @Test
    void keepsNullValuesOfVoidFutures() {
        Future<List<Void>> join = Futures.join(Futures.ready((Void) null), Futures.ready((Void) null));
        assertEquals(Arrays.asList(null, null), join.poll(cx).get());
    }

    @Test
    void joinOfNothingIsAnEmptyListAtTheFirstPoll() {
        Future<List<Object>> join = Futures.join();
        assertEquals(Poll.ready(List.of()), join.poll(cx));
        assertThrows(IllegalStateException.class, () -> join.poll(cx));
        assertEquals(Poll.ready(List.of()), Futures.join(List.<Future<Object>>of()).poll(cx));
    }

    @Test
    void pollsTheUnfinishedChildrenInOrder() {
        List<String> order = new ArrayList<>();
        TestFuture<String> second = new TestFuture<>("b");
        Future<String> a = Futures.pollFn(c -> {
            order.add("a");
            return Poll.pending();
        });
        Future<String> b = c -> {
            order.add("b");
            return second.poll(c);
        };
        Future<String> cc = Futures.pollFn(c -> {
            order.add("c");
            return Poll.pending();
        });
        Future<List<String>> join = Futures.join(a, b, cc);
        join.poll(cx);
        assertEquals(List.of("a", "b", "c"), order);
        second.complete("B");
        join.poll(cx);
        assertEquals(List.of("a", "b", "c", "a", "b", "c"), order);
        join.poll(cx);
        assertEquals(List.of("a", "b", "c", "a", "b", "c", "a", "c"), order);
    }

    @Test
    void keepsThePendingContractWithTheLatestWaker() {
        TestFuture<Integer> a = new TestFuture<>("a");
        TestFuture<Integer> b = new TestFuture<>("b");
        Future<List<Integer>> join = Futures.join(List.of(a, b));
        TestWaker first = new TestWaker();
        TestWaker latest = new TestWaker();
        assertTrue(join.poll(first).isPending());
        assertTrue(join.poll(latest).isPending());
        assertSame(latest, a.lastWaker());
        assertSame(latest, b.lastWaker());
        b.complete(2);
        assertEquals(1, latest.wakes());
        assertEquals(0, first.wakes());
        assertTrue(join.poll(latest).isPending());
        a.complete(1);
        assertEquals(2, latest.wakes());
        assertEquals(Poll.ready(List.of(1, 2)), join.poll(latest));
    }

    @Test
    void theFirstFailureCancelsTheUnfinishedChildrenOnce() {
        TestFuture<String> done = new TestFuture<>("done");
        TestFuture<String> failing = new TestFuture<>("failing");
        TestFuture<String> waiting = new TestFuture<>("waiting");
        TestFuture<String> unpolled = new TestFuture<>("unpolled");
        Future<List<String>> join = Futures.join(done, failing, waiting, unpolled);
        join.poll(cx);
        done.complete("ok");
        IOException e = new IOException("refused");
        failing.fail(e);
        Poll<List<String>> p = join.poll(cx);
        assertSame(e, assertInstanceOf(Poll.Failed.class, p).error());
        assertEquals(0, done.cancels());
        assertEquals(0, failing.cancels());
        assertEquals(1, waiting.cancels());
        assertEquals(1, unpolled.cancels());
        join.cancel(); // after completion: nothing more to cancel
        assertThrows(IllegalStateException.class, () -> join.poll(cx));
        for (TestFuture<String> f : List.of(done, failing, waiting, unpolled)) {
            f.assertNoMisuse();
        }
    }

    @Test
    void anExceptionEscapingAChildPollIsTheFailure() {
        TestFuture<String> throwing = new TestFuture<>("throwing");
        TestFuture<String> other = new TestFuture<>("other");
        IllegalStateException boom = new IllegalStateException("boom");
        throwing.throwOnPoll(boom);
        Future<List<String>> join = Futures.join(other, throwing);
        assertSame(boom, assertInstanceOf(Poll.Failed.class, join.poll(cx)).error());
        assertEquals(0, throwing.cancels());
        assertEquals(1, other.cancels());
        throwing.assertNoMisuse();
        other.assertNoMisuse();
    }

    @Test
    void aThrowingCancelDoesNotStopTheOthersAndIsAttachedToTheFailure() {
        RuntimeException cancelBug = new RuntimeException("cancel bug");
        Future<String> badCancel = new Future<>() {
            @Override
            public Poll<String> poll(Context c) {
                return Poll.pending();
            }

            @Override
            public void cancel() {
                throw cancelBug;
            }
        };
        TestFuture<String> failing = new TestFuture<>("failing");
        TestFuture<String> last = new TestFuture<>("last");
        IOException e = new IOException("x");
        failing.fail(e);
        Future<List<String>> join = Futures.join(badCancel, failing, last);
        assertSame(e, assertInstanceOf(Poll.Failed.class, join.poll(cx)).error());
        assertEquals(1, last.cancels());
        assertArrayEquals(new Throwable[] {cancelBug}, e.getSuppressed());
    }

    @Test
    void cancelCancelsEveryUnfinishedChildExactlyOnce() {
        TestFuture<String> done = new TestFuture<>("done");
        TestFuture<String> waiting = new TestFuture<>("waiting");
        Future<List<String>> join = Futures.join(done, waiting);
        done.complete("ok");
        join.poll(cx);
        join.cancel();
        join.cancel(); // a second cancel by a buggy owner must not reach the children again
        assertEquals(0, done.cancels());
        assertEquals(1, waiting.cancels());
        done.assertNoMisuse();
        waiting.assertNoMisuse();
    }

    @Test
    void cancelBeforeTheFirstPollCancelsAll() {
        TestFuture<String> a = new TestFuture<>("a");
        TestFuture<String> b = new TestFuture<>("b");
        Futures.join(a, b).cancel();
        assertEquals(1, a.cancels());
        assertEquals(1, b.cancels());
        assertEquals(0, a.polls());
    }

    @Test
    void blockOnWaitsForChildrenCompletedByAnotherThread() throws Exception {
        TestFuture<Integer> a = new TestFuture<>("a");
        TestFuture<Integer> b = new TestFuture<>("b");
        Thread t = Thread.ofPlatform().start(() -> {
            b.complete(2);
            Thread.yield();
            a.complete(1);
        });
        assertEquals(List.of(1, 2), Futures.blockOn(Futures.join(a, b)));
        t.join();
        a.assertNoMisuse();
        b.assertNoMisuse();
    }

    @Test
    void join2PairsTwoTypes() throws Exception {
        Both<String, Integer> both = Futures.blockOn(Futures.join2(Futures.ready("a"), Futures.ready(1)));
        assertEquals(new Both<>("a", 1), both);
        assertEquals("a", both.first());
        assertEquals(1, both.second());
    }

    @Test
    void join2FailsFast() {
        TestFuture<String> a = new TestFuture<>("a");
        TestFuture<Integer> b = new TestFuture<>("b");
        Future<Both<String, Integer>> join = Futures.join2(a, b);
        join.poll(cx);
        IOException e = new IOException("x");
        b.fail(e);
        assertSame(e, assertInstanceOf(Poll.Failed.class, join.poll(cx)).error());
        assertEquals(1, a.cancels());
        assertEquals(0, b.cancels());
    }

    @Test
    void rejectsNullArgumentsNamingThem() {
        assertRejects("futures", () -> Futures.join((Future<String>[]) null));
        assertRejects("futures[1]", () -> Futures.join(Futures.ready(1), null));
        assertRejects("futures", () -> Futures.join((List<Future<String>>) null));
        assertRejects("futures[0]", () -> Futures.join(Arrays.asList((Future<String>) null)));
        assertRejects("first", () -> Futures.join2(null, Futures.ready(1)));
        assertRejects("second", () -> Futures.join2(Futures.ready(1), null));
    }
}
