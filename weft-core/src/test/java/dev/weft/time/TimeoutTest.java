package dev.weft.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.testkit.TestWaker;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutTest {
    private final TimeFixture time = new TimeFixture();
    private final TestWaker waker = new TestWaker();

    @AfterEach
    void close() {
        time.close();
    }

    /** A hand-driven inner future that counts polls and cancels. */
    static final class Inner<T> implements Future<T> {
        Poll<T> next = Poll.pending();
        RuntimeException throwOnPoll;
        int polls;
        int cancels;

        @Override
        public Poll<T> poll(Context cx) {
            polls++;
            if (throwOnPoll != null) {
                throw throwOnPoll;
            }
            return next;
        }

        @Override
        public void cancel() {
            cancels++;
        }
    }

    @Test
    void a_ready_inner_future_wins_without_a_timer() {
        Inner<String> inner = new Inner<>();
        inner.next = Poll.ready("ok");
        Timeout<String> t = Time.timeout(Duration.ofMillis(100), inner);
        assertEquals("ok", t.poll(waker).get());
        assertEquals(0, time.driver.size());
        assertEquals(0, inner.cancels);
        assertThrows(IllegalStateException.class, () -> t.poll(waker));
    }

    @Test
    void expiry_cancels_the_inner_future_exactly_once_and_fails_with_elapsed() {
        Inner<String> inner = new Inner<>();
        Timeout<String> t = Time.timeout(Duration.ofMillis(100), inner);
        assertTrue(t.poll(waker).isPending());
        assertEquals(1, time.driver.size());
        assertEquals(0, time.at(99));
        assertEquals(1, time.at(100));
        assertEquals(1, waker.wakes());
        Poll<String> p = t.poll(waker);
        Poll.Failed<String> failed = assertInstanceOf(Poll.Failed.class, p);
        Elapsed e = assertInstanceOf(Elapsed.class, failed.error());
        assertInstanceOf(TimeoutException.class, e);
        assertEquals("timed out after 100 ms", e.getMessage());
        assertEquals(1, inner.cancels);
        assertEquals(2, inner.polls, "the inner future is polled before the timer");
        t.cancel();
        assertEquals(1, inner.cancels, "cancelled twice");
        assertEquals(0, time.driver.size());
    }

    @Test
    void an_inner_result_ready_at_the_deadline_still_wins() {
        Inner<String> inner = new Inner<>();
        Timeout<String> t = Time.timeout(Duration.ofMillis(10), inner);
        t.poll(waker);
        time.at(10);
        inner.next = Poll.ready("just in time");
        assertEquals("just in time", t.poll(waker).get());
        assertEquals(0, inner.cancels);
    }

    @Test
    void completion_before_the_deadline_removes_the_timer() {
        Inner<Integer> inner = new Inner<>();
        Timeout<Integer> t = Time.timeout(Duration.ofSeconds(5), inner);
        t.poll(waker);
        assertEquals(1, time.driver.size());
        inner.next = Poll.ready(7);
        assertEquals(7, t.poll(waker).get());
        assertEquals(0, time.driver.size());
        time.at(6_000);
        assertEquals(0, waker.wakes());
    }

    @Test
    void an_inner_failure_passes_through_and_removes_the_timer() {
        Inner<Integer> inner = new Inner<>();
        Timeout<Integer> t = Time.timeout(Duration.ofSeconds(5), inner);
        t.poll(waker);
        IllegalStateException boom = new IllegalStateException("boom");
        inner.next = Poll.failed(boom);
        Poll.Failed<Integer> f = assertInstanceOf(Poll.Failed.class, t.poll(waker));
        assertSame(boom, f.error());
        assertEquals(0, time.driver.size());
        assertEquals(0, inner.cancels);
    }

    @Test
    void an_exception_escaping_the_inner_poll_removes_the_timer() {
        Inner<Integer> inner = new Inner<>();
        Timeout<Integer> t = Time.timeout(Duration.ofSeconds(5), inner);
        t.poll(waker);
        inner.throwOnPoll = new IllegalArgumentException("bad");
        assertThrows(IllegalArgumentException.class, () -> t.poll(waker));
        assertEquals(0, time.driver.size());
        t.cancel();
        assertEquals(0, inner.cancels);
    }

    @Test
    void cancel_cancels_the_inner_future_once_and_removes_the_timer() {
        Inner<Integer> inner = new Inner<>();
        Timeout<Integer> t = Time.timeout(Duration.ofSeconds(5), inner);
        t.poll(waker);
        t.cancel();
        assertEquals(1, inner.cancels);
        assertEquals(0, time.driver.size());
        t.cancel();
        assertEquals(1, inner.cancels);
    }

    @Test
    void a_zero_timeout_fails_on_the_first_poll_after_polling_the_inner_future() {
        Inner<Integer> inner = new Inner<>();
        Timeout<Integer> t = Time.timeout(Duration.ZERO, inner);
        assertInstanceOf(Poll.Failed.class, t.poll(waker));
        assertEquals(1, inner.polls);
        assertEquals(1, inner.cancels);
        assertEquals(0, time.driver.size());
    }

    @Test
    void a_huge_timeout_saturates_to_never() {
        Inner<Integer> inner = new Inner<>();
        Timeout<Integer> t = Time.timeout(Duration.ofSeconds(Long.MAX_VALUE), inner);
        assertTrue(t.poll(waker).isPending());
        assertEquals(0, time.driver.size());
        time.advance(Duration.ofDays(365L * 250));
        assertTrue(t.poll(waker).isPending());
        assertEquals(0, inner.cancels);
    }

    @Test
    void timeout_at_an_instant() {
        Inner<Integer> inner = new Inner<>();
        Timeout<Integer> t = Time.timeoutAt(time.clock.now().plusMillis(3), inner);
        t.poll(waker);
        time.at(3);
        Poll.Failed<Integer> f = assertInstanceOf(Poll.Failed.class, t.poll(waker));
        assertTrue(f.error().getMessage().contains("has passed"), f.error().getMessage());
    }

    @Test
    void await_rethrows_elapsed_as_it_is() {
        Timeout<String> t = Time.timeout(Duration.ZERO, cx -> Poll.pending());
        Elapsed e = assertThrows(Elapsed.class, t::await);
        assertEquals("timed out after 0 ms", e.getMessage());
    }

    @Test
    void bad_arguments_name_themselves() {
        Inner<Integer> inner = new Inner<>();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Time.timeout(null, inner))
                .getMessage().contains("duration"));
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> Time.timeout(Duration.ofMillis(-1), inner));
        assertTrue(neg.getMessage().contains("duration") && neg.getMessage().contains("PT-0.001S"), neg.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Time.timeout(Duration.ZERO, null))
                .getMessage().contains("future"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Time.timeoutAt(null, inner))
                .getMessage().contains("deadline"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Time.timeoutAt(time.clock.now(), null))
                .getMessage().contains("future"));
    }
}
