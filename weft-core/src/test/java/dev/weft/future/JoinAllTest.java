package dev.weft.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Futures#joinAll} and {@link Futures#tryJoinAll}. */
class JoinAllTest {
    private final TestWaker cx = new TestWaker();

    @Test
    void joinAllWaitsForEveryFutureAndKeepsEachOutcome() {
        IOException boom = new IOException("boom");
        TestFuture<String> a = new TestFuture<>("a");
        TestFuture<String> b = new TestFuture<>("b");
        TestFuture<String> c = new TestFuture<>("c");
        Future<List<Outcome<String>>> all = Futures.joinAll(List.of(a, b, c));
        assertTrue(all.poll(cx).isPending());
        b.fail(boom);
        assertTrue(all.poll(cx).isPending(), "a failure does not fail fast");
        c.complete("C");
        a.complete("A");
        List<Outcome<String>> out = all.poll(cx).get();
        assertEquals(new Outcome.Success<>("A"), out.get(0));
        assertSame(boom, assertInstanceOf(Outcome.Failure.class, out.get(1)).error());
        assertEquals("C", out.get(2).get());
        assertThrows(IOException.class, () -> Futures.blockOn(Futures.failed(boom).map(x -> out.get(1).get())));
        assertEquals(0, a.cancels() + b.cancels() + c.cancels());
        assertThrows(IllegalStateException.class, () -> all.poll(cx));
    }

    @Test
    void joinAllOfNothingIsEmptyAndAThrowingPollIsAFailure() {
        assertEquals(List.of(), Futures.joinAll(Set.<Future<String>>of()).poll(cx).get());
        TestFuture<String> t = new TestFuture<>();
        RuntimeException bug = new RuntimeException("bug");
        t.throwOnPoll(bug);
        assertSame(bug, assertInstanceOf(Outcome.Failure.class, Futures.joinAll(List.of(t)).poll(cx).get().get(0)).error());
    }

    @Test
    void cancellingJoinAllCancelsTheUnfinishedOnce() {
        TestFuture<String> a = TestFuture.completed("a");
        TestFuture<String> b = new TestFuture<>("b");
        Future<List<Outcome<String>>> all = Futures.joinAll(List.of(a, b));
        assertTrue(all.poll(cx).isPending());
        all.cancel();
        all.cancel();
        assertEquals(0, a.cancels());
        assertEquals(1, b.cancels());
        b.assertNoMisuse();
    }

    @Test
    void tryJoinAllFailsFastAndCancelsTheRest() {
        IOException boom = new IOException("boom");
        TestFuture<String> a = new TestFuture<>("a");
        TestFuture<String> b = new TestFuture<>("b");
        Future<List<String>> all = Futures.tryJoinAll(List.of(a, b));
        assertTrue(all.poll(cx).isPending());
        b.fail(boom);
        assertSame(boom, assertInstanceOf(Poll.Failed.class, all.poll(cx)).error());
        assertEquals(1, a.cancels());
        assertEquals(List.of("x", "y"), Futures.tryJoinAll(List.of(Futures.ready("x"), Futures.ready("y"))).poll(cx).get());
        assertThrows(IllegalArgumentException.class, () -> Futures.joinAll(null));
        assertThrows(IllegalArgumentException.class, () -> Futures.tryJoinAll(java.util.Arrays.asList(a, null)));
    }
}
