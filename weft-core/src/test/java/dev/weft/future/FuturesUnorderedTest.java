package dev.weft.future;

import static dev.weft.future.ArgChecks.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuturesUnorderedTest {
    private final TestWaker cx = new TestWaker();

    private static Throwable failure(Poll<?> p) {
        return assertInstanceOf(Poll.Failed.class, p).error();
    }

    @Test
    void yieldsInCompletionOrderAndEndsWhenEmpty() {
        FuturesUnordered<String> set = new FuturesUnordered<>();
        TestFuture<String> a = new TestFuture<>("a");
        TestFuture<String> b = new TestFuture<>("b");
        set.push(a);
        set.push(b);
        assertEquals(2, set.len());
        assertTrue(set.pollNext(cx).isPending());
        b.complete("B");
        assertEquals(Poll.ready("B"), set.pollNext(cx));
        assertEquals(1, set.len());
        a.complete("A");
        assertEquals(Poll.ready("A"), set.pollNext(cx));
        assertTrue(set.isEmpty());
        assertTrue(Stream.isEnd(set.pollNext(cx)));
        a.assertNoMisuse();
        b.assertNoMisuse();
    }

    @Test
    void anEmptySetCanBeRefilledAfterItsEnd() {
        FuturesUnordered<Integer> set = new FuturesUnordered<>();
        assertTrue(Stream.isEnd(set.pollNext(cx)));
        set.push(Futures.ready(7));
        assertEquals(Poll.ready(7), set.pollNext(cx));
        assertTrue(Stream.isEnd(set.pollNext(cx)));
    }

    @Test
    void pushDoesNotPollTheFuture() {
        FuturesUnordered<Integer> set = new FuturesUnordered<>();
        TestFuture<Integer> f = TestFuture.completed(1);
        set.push(f);
        assertEquals(0, f.polls());
        assertEquals(Poll.ready(1), set.pollNext(cx));
    }

    @Test
    void onlyWokenMembersArePolledAgain() {
        FuturesUnordered<Integer> set = new FuturesUnordered<>();
        List<TestFuture<Integer>> members = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            TestFuture<Integer> f = new TestFuture<>("m" + i);
            members.add(f);
            set.push(f);
        }
        assertTrue(set.pollNext(cx).isPending());
        assertTrue(set.pollNext(cx).isPending()); // nothing woke: nothing polled
        members.get(500).complete(500);
        members.get(7).complete(7);
        assertEquals(Poll.ready(500), set.pollNext(cx));
        assertEquals(Poll.ready(7), set.pollNext(cx));
        assertTrue(set.pollNext(cx).isPending());
        int polls = 0;
        for (TestFuture<Integer> f : members) {
            polls += f.polls();
        }
        assertEquals(1_000 + 2, polls, "each member polled once, and the two woken ones once more");
        assertEquals(998, set.len());
    }

    @Test
    void aMemberWakingFromAnotherThreadWakesTheNewestWaker() throws Exception {
        FuturesUnordered<String> set = new FuturesUnordered<>();
        TestFuture<String> f = new TestFuture<>();
        set.push(f);
        TestWaker first = new TestWaker();
        TestWaker latest = new TestWaker();
        assertTrue(set.pollNext(first).isPending());
        assertTrue(set.pollNext(latest).isPending());
        Thread t = Thread.ofPlatform().start(() -> f.complete("x"));
        t.join();
        assertEquals(0, first.wakes());
        assertEquals(1, latest.wakes());
        assertEquals(Poll.ready("x"), set.pollNext(latest));
    }

    @Test
    void repeatedWakesOfAQueuedMemberQueueItOnce() {
        FuturesUnordered<String> set = new FuturesUnordered<>();
        TestFuture<String> f = new TestFuture<>();
        set.push(f);
        assertTrue(set.pollNext(cx).isPending());
        Waker w = f.lastWaker();
        w.wake();
        w.wake();
        w.wake();
        assertEquals(1, cx.wakes());
        assertTrue(set.pollNext(cx).isPending());
        assertEquals(2, f.polls());
    }

    @Test
    void aMemberThatKeepsWakingItselfYieldsAfterOneRound() {
        FuturesUnordered<String> set = new FuturesUnordered<>();
        int[] polls = {0};
        set.push(c -> {
            polls[0]++;
            c.waker().wake();
            return Poll.pending();
        });
        assertTrue(set.pollNext(cx).isPending());
        assertEquals(1, polls[0]);
        assertTrue(cx.takeWoken(), "yielded with a wake-up of its own task");
    }

    @Test
    void aFailingMemberFailsTheSetAndCancelsTheOthers() {
        FuturesUnordered<String> set = new FuturesUnordered<>();
        TestFuture<String> ok = new TestFuture<>("ok");
        TestFuture<String> bad = new TestFuture<>("bad");
        set.push(ok);
        set.push(bad);
        assertTrue(set.pollNext(cx).isPending());
        IOException e = new IOException("boom");
        bad.fail(e);
        assertSame(e, failure(set.pollNext(cx)));
        assertEquals(1, ok.cancels());
        assertEquals(0, bad.cancels());
        assertThrows(IllegalStateException.class, () -> set.pollNext(cx));
        assertThrows(IllegalStateException.class, () -> set.push(Futures.ready("late")));
        ok.assertNoMisuse();
        bad.assertNoMisuse();
    }

    @Test
    void aMemberThatThrowsOrGivesNullFailsTheSet() {
        FuturesUnordered<String> set = new FuturesUnordered<>();
        TestFuture<String> throwing = new TestFuture<>();
        throwing.throwOnPoll(new IllegalStateException("bug"));
        set.push(throwing);
        assertEquals("bug", failure(set.pollNext(cx)).getMessage());

        FuturesUnordered<String> nulls = new FuturesUnordered<>();
        nulls.push(Futures.ready(null));
        assertInstanceOf(NullPointerException.class, failure(nulls.pollNext(cx)));
    }

    @Test
    void cancelCancelsEveryRunningMemberOnce() {
        FuturesUnordered<String> set = new FuturesUnordered<>();
        TestFuture<String> done = TestFuture.completed("d");
        TestFuture<String> a = new TestFuture<>("a");
        TestFuture<String> b = new TestFuture<>("b");
        set.push(done);
        set.push(a);
        set.push(b);
        assertEquals(Poll.ready("d"), set.pollNext(cx));
        set.cancel();
        set.cancel();
        assertEquals(1, a.cancels());
        assertEquals(1, b.cancels());
        assertEquals(0, done.cancels());
        a.complete("late"); // a late wake of a cancelled member does nothing
        assertEquals(0, cx.wakes());
        assertThrows(IllegalStateException.class, () -> set.pollNext(cx));
        a.assertNoMisuse();
        b.assertNoMisuse();
        done.assertNoMisuse();
    }

    @Test
    void combinatorsThatAbandonTheSetCancelItsMembers() {
        FuturesUnordered<String> set = new FuturesUnordered<>();
        TestFuture<String> slow = new TestFuture<>();
        set.push(Futures.ready("first"));
        set.push(slow);
        assertEquals(List.of("first"), cx.ready(set.take(1).collect()));
        assertEquals(1, slow.cancels());
    }

    @Test
    void rejectsANullFuture() {
        assertRejects("future", () -> new FuturesUnordered<String>().push(null));
    }
}
