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

/** {@link Futures#select}, {@link Futures#race} and {@link Futures#either}. */
class SelectTest {
    private final TestWaker cx = new TestWaker();

    @Test
    void theFirstToCompleteWinsAndEachLoserIsCancelledOnce() {
        TestFuture<String> a = new TestFuture<>("a");
        TestFuture<String> b = new TestFuture<>("b");
        TestFuture<String> c = new TestFuture<>("c");
        Future<Selected<String>> select = Futures.select(a, b, c);
        assertTrue(select.poll(cx).isPending());
        b.complete("B");
        assertEquals(Poll.ready(new Selected<>(1, "B")), select.poll(cx));
        assertEquals(1, a.cancels());
        assertEquals(0, b.cancels());
        assertEquals(1, c.cancels());
        select.cancel(); // after completion: nothing more
        assertEquals(1, a.cancels());
        assertThrows(IllegalStateException.class, () -> select.poll(cx));
        for (TestFuture<String> f : List.of(a, b, c)) {
            f.assertNoMisuse();
        }
    }

    @Test
    void theBiasedFormPrefersTheEarliestArgument() {
        for (int i = 0; i < 100; i++) {
            TestFuture<String> a = TestFuture.completed("A");
            TestFuture<String> b = TestFuture.completed("B");
            assertEquals(Poll.ready(new Selected<>(0, "A")), Futures.selectBiased(a, b).poll(cx));
            assertEquals(0, b.polls());
            assertEquals(1, b.cancels());
            TestFuture<String> c = TestFuture.completed("C");
            TestFuture<String> d = TestFuture.completed("D");
            assertEquals(Poll.ready(new Selected<>(0, "C")), Futures.selectBiased(List.of(c, d)).poll(cx));
        }
    }

    /**
     * Two always-ready branches: each wins a fair share. 2,000 draws of a fair coin: the chance
     * that one side wins fewer than 700 is below 1e-40.
     */
    @Test
    @SuppressWarnings("unchecked") // the select's value is a Selected<String>
    void isFairBetweenReadyBranches() {
        int[] wins = new int[2];
        for (int i = 0; i < 2_000; i++) {
            TestFuture<String> a = TestFuture.completed("A");
            TestFuture<String> b = TestFuture.completed("B");
            Future<Selected<String>> select = i % 2 == 0 ? Futures.select(a, b) : Futures.select(List.of(a, b));
            Selected<String> s = assertInstanceOf(Poll.Ready.class, select.poll(cx)) instanceof Poll.Ready<?> r
                    ? (Selected<String>) r.value() : null;
            wins[s.index()]++;
            assertEquals(s.index() == 0 ? "A" : "B", s.value());
            assertEquals(1, (s.index() == 0 ? b : a).cancels());
        }
        assertTrue(wins[0] >= 700 && wins[1] >= 700, Arrays.toString(wins));
    }

    @Test
    void aFailingWinnerIsTheFailure() {
        TestFuture<String> a = new TestFuture<>("a");
        TestFuture<String> b = new TestFuture<>("b");
        Future<Selected<String>> select = Futures.select(a, b);
        select.poll(cx);
        IOException e = new IOException("refused");
        b.fail(e);
        assertSame(e, assertInstanceOf(Poll.Failed.class, select.poll(cx)).error());
        assertEquals(1, a.cancels());
        assertEquals(0, b.cancels());
    }

    @Test
    void anExceptionEscapingAChildPollIsTheFailure() {
        TestFuture<String> a = new TestFuture<>("a");
        TestFuture<String> b = new TestFuture<>("b");
        TestFuture<String> c = new TestFuture<>("c");
        IllegalStateException boom = new IllegalStateException("boom");
        b.throwOnPoll(boom);
        assertSame(boom, assertInstanceOf(Poll.Failed.class, Futures.selectBiased(a, b, c).poll(cx)).error());
        assertEquals(1, a.cancels());
        assertEquals(0, b.cancels());
        assertEquals(1, c.cancels());
        assertEquals(0, c.polls());
    }

    @Test
    void keepsThePendingContractWithTheLatestWaker() {
        TestFuture<String> a = new TestFuture<>("a");
        TestFuture<String> b = new TestFuture<>("b");
        Future<Selected<String>> select = Futures.select(List.of(a, b));
        TestWaker first = new TestWaker();
        TestWaker latest = new TestWaker();
        assertTrue(select.poll(first).isPending());
        assertTrue(select.poll(latest).isPending());
        assertSame(latest, a.lastWaker());
        assertSame(latest, b.lastWaker());
        b.complete("B");
        assertEquals(1, latest.wakes());
        assertEquals(0, first.wakes());
        assertEquals(Poll.ready(new Selected<>(1, "B")), select.poll(latest));
    }

    @Test
    void cancelCancelsEveryFutureExactlyOnce() {
        TestFuture<String> a = new TestFuture<>("a");
        TestFuture<String> b = new TestFuture<>("b");
        Future<Selected<String>> select = Futures.select(a, b);
        select.poll(cx);
        select.cancel();
        select.cancel();
        assertEquals(1, a.cancels());
        assertEquals(1, b.cancels());
        a.assertNoMisuse();
        b.assertNoMisuse();
    }

    @Test
    void aThrowingLoserCancelIsAttachedToTheWinnersFailure() {
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
        TestFuture<String> other = new TestFuture<>("other");
        IOException e = new IOException("x");
        Future<Selected<String>> select = Futures.selectBiased(badCancel, Futures.failed(e), other);
        assertSame(e, assertInstanceOf(Poll.Failed.class, select.poll(cx)).error());
        assertEquals(1, other.cancels());
        assertSame(cancelBug, e.getSuppressed()[0]);
    }

    @Test
    void aVoidWinnerHasANullValue() {
        Future<Selected<Void>> select = Futures.select(Futures.<Void>pending(), Futures.ready((Void) null));
        assertEquals(Poll.ready(new Selected<Void>(1, null)), select.poll(cx));
    }

    @Test
    void raceGivesTheWinnersValue() throws Exception {
        TestFuture<String> slow = new TestFuture<>("slow");
        assertEquals("fast", Futures.blockOn(Futures.race(slow, Futures.ready("fast"))));
        assertEquals(1, slow.cancels());
        TestFuture<String> slow2 = new TestFuture<>("slow2");
        assertEquals("fast", Futures.blockOn(Futures.race(List.of(slow2, Futures.ready("fast")))));
        assertEquals(1, slow2.cancels());
    }

    @Test
    void raceFailsWithTheWinnersFailure() {
        IOException e = new IOException("x");
        TestFuture<String> slow = new TestFuture<>("slow");
        assertSame(e, assertThrows(IOException.class,
                () -> Futures.blockOn(Futures.race(slow, Futures.failed(e)))));
        assertEquals(1, slow.cancels());
    }

    @Test
    void eitherSaysWhichSideWon() throws Exception {
        TestFuture<Integer> right = new TestFuture<>("right");
        Either<String, Integer> left = Futures.blockOn(Futures.either(Futures.ready("l"), right));
        assertEquals(new Either.Left<String, Integer>("l"), left);
        assertEquals(1, right.cancels());

        TestFuture<String> l = new TestFuture<>("left");
        Future<Either<String, Integer>> e = Futures.either(l, Futures.ready(7));
        switch (e.poll(cx).get()) {
            case Either.Left<String, Integer> x -> throw new AssertionError("left won: " + x);
            case Either.Right<String, Integer> r -> assertEquals(7, r.value());
        }
        assertEquals(1, l.cancels());
    }

    @Test
    void needsAtLeastOneFuture() {
        var e = assertThrows(IllegalArgumentException.class, () -> Futures.select());
        assertEquals("select needs at least one future", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Futures.select(List.<Future<String>>of()));
        assertEquals("select needs at least one future", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Futures.race());
        assertEquals("race needs at least one future", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Futures.race(List.<Future<String>>of()));
        assertEquals("race needs at least one future", e.getMessage());
    }

    @Test
    void rejectsNullArgumentsNamingThem() {
        assertRejects("futures", () -> Futures.select((Future<String>[]) null));
        assertRejects("futures", () -> Futures.selectBiased((Future<String>[]) null));
        assertRejects("futures[1]", () -> Futures.selectBiased(Futures.ready(1), null));
        assertRejects("futures", () -> Futures.selectBiased((List<Future<String>>) null));
        assertThrows(IllegalArgumentException.class, () -> Futures.selectBiased(List.<Future<String>>of()));
        assertRejects("futures[1]", () -> Futures.select(Futures.ready(1), null));
        assertRejects("futures", () -> Futures.select((List<Future<String>>) null));
        assertRejects("futures[0]", () -> Futures.select(Arrays.asList((Future<String>) null)));
        assertRejects("futures", () -> Futures.race((Future<String>[]) null));
        assertRejects("futures[0]", () -> Futures.race((Future<String>) null));
        assertRejects("futures", () -> Futures.race((List<Future<String>>) null));
        assertRejects("left", () -> Futures.either(null, Futures.ready(1)));
        assertRejects("right", () -> Futures.either(Futures.ready(1), null));
    }
}
