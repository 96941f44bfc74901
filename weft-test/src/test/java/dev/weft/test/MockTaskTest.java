package dev.weft.test;

import static dev.weft.test.PollAssertions.assertFailed;
import static dev.weft.test.PollAssertions.assertPending;
import static dev.weft.test.PollAssertions.assertReady;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.sync.Oneshot;
import dev.weft.sync.Semaphore;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MockTaskTest {

    @Test
    void aWakeAfterThePendingPollIsSeenAndTheNextPollIsReady() {
        Oneshot.Channel<String> ch = Oneshot.channel();
        MockTask<String> rx = MockTask.spawn(ch.receiver());
        assertFalse(rx.isWoken());
        assertPending(rx.poll());
        assertFalse(rx.isWoken());
        ch.sender().send("hi");
        assertTrue(rx.isWoken());
        assertTrue(rx.isWoken()); // it stays woken until the next poll
        assertEquals(1, rx.wakeCount());
        assertEquals("hi", assertReady(rx.poll()));
        assertFalse(rx.isWoken());
        assertTrue(rx.isDone());
    }

    @Test
    void aFutureThatForgetsItsWakerIsCaught() {
        Future<String> lost = cx -> Poll.pending(); // the lost-wakeup bug: no waker kept
        MockTask<String> task = MockTask.spawn(lost);
        assertPending(task.poll());
        assertFalse(task.isWoken());
        assertEquals(0, task.wakeCount());
    }

    @Test
    void theWakerCanBeWokenByHand() {
        MockTask<String> task = MockTask.spawn(cx -> Poll.pending());
        assertPending(task.poll());
        task.waker().wake();
        task.waker().wake();
        assertTrue(task.isWoken());
        assertEquals(2, task.wakeCount());
        assertPending(task.poll());
        assertFalse(task.isWoken()); // a new poll starts afresh
    }

    @Test
    void pollingAgainAfterReadyThrows() {
        MockTask<Integer> task = MockTask.spawn(cx -> Poll.ready(1));
        assertEquals(1, assertReady(task.poll()));
        IllegalStateException e = assertThrows(IllegalStateException.class, task::poll);
        assertTrue(e.getMessage().contains("ready"), e.getMessage());
    }

    @Test
    void anExceptionEscapingPollIsAFailedPoll() {
        IllegalStateException boom = new IllegalStateException("boom");
        MockTask<Integer> task = MockTask.spawn(cx -> {
            throw boom;
        });
        assertSame(boom, assertFailed(task.poll()));
        assertTrue(task.isDone());
        assertThrows(IllegalStateException.class, task::poll);
    }

    @Test
    void cancelPassesTheWaitersPermitToTheNextWaiter() {
        Semaphore permits = new Semaphore(1);
        Semaphore.Permit held = assertReady(MockTask.spawn(permits.acquire()).poll());
        MockTask<Semaphore.Permit> first = MockTask.spawn(permits.acquire());
        MockTask<Semaphore.Permit> second = MockTask.spawn(permits.acquire());
        assertPending(first.poll());
        assertPending(second.poll());
        held.close();
        assertTrue(first.isWoken());
        assertFalse(second.isWoken());
        first.cancel(); // it was handed the permit: cancelling gives it to the next waiter
        assertTrue(second.isWoken());
        assertReady(second.poll()).close();
        assertEquals(1, permits.availablePermits());
        IllegalStateException e = assertThrows(IllegalStateException.class, first::poll);
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    }

    @Test
    void cancelReachesThePendingFutureOnceAndAReadyOneNever() {
        AtomicInteger cancels = new AtomicInteger();
        class Counted implements Future<Integer> {
            private final boolean ready;

            Counted(boolean ready) {
                this.ready = ready;
            }

            @Override
            public Poll<Integer> poll(Context cx) {
                return ready ? Poll.ready(1) : Poll.pending();
            }

            @Override
            public void cancel() {
                cancels.incrementAndGet();
            }
        }
        MockTask<Integer> pending = MockTask.spawn(new Counted(false));
        assertPending(pending.poll());
        pending.cancel();
        pending.cancel();
        assertEquals(1, cancels.get());
        MockTask<Integer> ready = MockTask.spawn(new Counted(true));
        assertReady(ready.poll());
        ready.cancel();
        assertEquals(1, cancels.get());
    }

    @Test
    void aNullFutureIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MockTask.spawn(null));
        assertTrue(e.getMessage().contains("future"), e.getMessage());
    }

    @WeftTest(startPaused = true)
    void aTimerWakesTheTaskOnVirtualTime() {
        MockTask<Void> sleep = MockTask.spawn(Time.sleep(Duration.ofSeconds(5)));
        assertPending(sleep.poll());
        Time.sleep(Duration.ofSeconds(4)).await();
        assertFalse(sleep.isWoken());
        // past its deadline, not at it: with coroutines on the JDK's scheduler, this body may
        // run again before the driver has fired the other timers of the same tick
        Time.sleep(Duration.ofSeconds(2)).await();
        assertTrue(sleep.isWoken());
        assertReady(sleep.poll());
    }

    @WeftTest(startPaused = true)
    void aCancelledTimerNeverWakes() {
        MockTask<Void> sleep = MockTask.spawn(Time.sleep(Duration.ofSeconds(5)));
        assertPending(sleep.poll());
        sleep.cancel();
        Time.sleep(Duration.ofSeconds(10)).await();
        assertFalse(sleep.isWoken());
    }
}
