package dev.weft.test;

import static dev.weft.test.PollAssertions.assertFailed;
import static dev.weft.test.PollAssertions.assertPending;
import static dev.weft.test.PollAssertions.assertReady;
import static dev.weft.test.PollAssertions.pollOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.sync.Oneshot;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class PollAssertionsTest {
    private static final IOException BOOM = new IOException("boom");

    @Test
    void assertReadyReturnsTheValue() {
        assertEquals("v", assertReady(Poll.ready("v")));
        assertNull(assertReady(Poll.ready(null)));
    }

    @Test
    void assertReadyFailsOnPendingAndOnAFailureWithItAsCause() {
        AssertionFailedError pending = assertThrows(AssertionFailedError.class, () -> assertReady(Poll.pending()));
        assertTrue(pending.getMessage().contains("pending"), pending.getMessage());
        AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> assertReady(Poll.failed(BOOM)));
        assertSame(BOOM, failed.getCause());
    }

    @Test
    void assertPendingPassesOnPendingOnly() {
        assertPending(Poll.pending());
        AssertionFailedError ready = assertThrows(AssertionFailedError.class, () -> assertPending(Poll.ready(3)));
        assertTrue(ready.getMessage().contains("3"), ready.getMessage());
        AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> assertPending(Poll.failed(BOOM)));
        assertSame(BOOM, failed.getCause());
    }

    @Test
    void assertFailedReturnsTheFailure() {
        assertSame(BOOM, assertFailed(Poll.failed(BOOM)));
        assertThrows(AssertionFailedError.class, () -> assertFailed(Poll.ready(1)));
        assertThrows(AssertionFailedError.class, () -> assertFailed(Poll.pending()));
    }

    @Test
    void pollOncePollsWithAWakerThatWorks() {
        Oneshot.Channel<Integer> ch = Oneshot.channel();
        assertPending(pollOnce(ch.receiver()));
        ch.sender().send(4);
        assertEquals(4, assertReady(pollOnce(ch.receiver())));
    }

    @Test
    void pollOnceTurnsAnEscapingExceptionIntoAFailure() {
        IllegalStateException bug = new IllegalStateException("bug");
        Future<Integer> throwing = cx -> {
            throw bug;
        };
        assertSame(bug, assertFailed(pollOnce(throwing)));
    }

    @Test
    void countingWakerCountsAndTakes() {
        CountingWaker w = new CountingWaker();
        assertSame(w, w.waker());
        assertFalse(w.takeWoken());
        w.wake();
        w.wake();
        assertEquals(2, w.wakeCount());
        assertTrue(w.takeWoken());
        assertFalse(w.takeWoken());
        assertEquals(2, w.wakeCount());
    }

    @Test
    void nullsAreRefusedByName() {
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> pollOnce(null));
        assertTrue(f.getMessage().contains("future"), f.getMessage());
        for (var call : java.util.List.<org.junit.jupiter.api.function.Executable>of(
                () -> assertPending(null), () -> assertReady(null), () -> assertFailed(null))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
            assertTrue(e.getMessage().contains("poll"), e.getMessage());
        }
    }
}
