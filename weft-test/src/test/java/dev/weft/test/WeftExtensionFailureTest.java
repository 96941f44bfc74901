package dev.weft.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.sync.Mpsc;
import dev.weft.test.WeftTest.Flavor;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;

/**
 * How {@code @WeftTest} fails a test: leaked work, a task failure nobody joined, a failing
 * assertion, a hang. Each case runs a failing sample (the nested class, which Surefire does not
 * run by itself) through JUnit's engine and checks the failure it reported.
 */
class WeftExtensionFailureTest {
    static final AtomicReference<Throwable> THROWN = new AtomicReference<>();
    static final AtomicBoolean FINALLY_RAN = new AtomicBoolean();

    @BeforeEach
    void forget() {
        THROWN.set(null);
        FINALLY_RAN.set(false);
    }

    static class Samples {
        @WeftTest
        void leavesASleeperBehind() {
            Weft.spawn(() -> Time.sleep(Duration.ofMillis(20)).await()); // would end within the grace, if time ran
        }

        @WeftTest(flavor = Flavor.MULTI_THREAD, startPaused = true)
        void leavesASleeperBehindOnThePausedMultiThreadFlavor() {
            Weft.spawn(() -> Time.sleep(Duration.ofMillis(20)).await()); // the idle runtime must not advance to it
        }

        @WeftTest
        void leavesAReceiverWaiting() {
            var ch = Mpsc.<String>unbounded();
            Weft.spawn(() -> ch.receiver().recv().await()); // the sender stays open: it waits forever
            THROWN.set(new RuntimeException(ch.sender().toString())); // keeps the sender reachable
        }

        @WeftTest
        void leavesABlockingTaskRunning() {
            Weft.spawnBlocking(() -> {
                Thread.sleep(2_000); // a JDK sleep on a virtual thread: it ends by itself later
                return null;
            });
        }

        @WeftTest
        void letsATaskFailUnjoined() throws Exception {
            IllegalStateException boom = new IllegalStateException("boom");
            THROWN.set(boom);
            Weft.spawn(() -> {
                throw boom;
            });
            Weft.yieldNow().await();
        }

        @WeftTest
        void failsAnAssertion() throws Exception {
            Weft.spawn(() -> 1).await();
            assertEquals(1, 2, "one is not two");
        }

        @WeftTest
        void failsAnAssertionAfterATaskFailedUnjoined() throws Exception {
            IllegalStateException boom = new IllegalStateException("boom");
            THROWN.set(boom);
            var task = Weft.spawn(() -> {
                throw boom;
            });
            while (!task.isFinished()) {
                Weft.yieldNow().await(); // without --add-opens the task runs on another thread
            }
            assertEquals(1, 2);
        }

        @WeftTest(timeoutMillis = 0)
        @Timeout(value = 300, unit = TimeUnit.MILLISECONDS)
        void hangsUnderJUnitsOwnTimeout() throws Exception {
            var ch = Mpsc.<String>bounded(1);
            try {
                ch.receiver().recv().await();
            } finally {
                FINALLY_RAN.set(true);
                ch.sender().close();
            }
        }

        @WeftTest(timeoutMillis = 300)
        void hangsInABlockingCall() throws Exception {
            try {
                Thread.sleep(60_000); // the guard's cancel interrupts it
            } finally {
                FINALLY_RAN.set(true);
            }
        }

        @WeftTest(startPaused = true, timeoutMillis = 300)
        void hangsOnAChannel() throws Exception {
            var ch = Mpsc.<String>bounded(1);
            try {
                ch.receiver().recv().await(); // the sender is open and nobody sends: a hang
            } finally {
                FINALLY_RAN.set(true);
                ch.sender().close();
            }
        }
    }

    @Test
    void aTaskLeftSleepingFailsTheTestWithTheRuntimesMetrics() {
        Throwable e = Kit.failureOf(Samples.class, "leavesASleeperBehind");
        assertInstanceOf(AssertionError.class, e);
        String m = e.getMessage();
        assertTrue(m.contains("@WeftTest found work still alive when the test body returned: 1 task, 1 coroutine"), m);
        assertTrue(m.contains("allowLiveTasks"), m);
        assertTrue(m.contains("Weft runtime (current-thread, 1 worker"), "the metrics: " + m);
        assertTrue(m.contains("tasks: 2 alive"), "the sleeper and the body's own task: " + m);
        assertTrue(m.matches("(?s).*Weft task dump of runtime '[^']+' at \\S+: 1 task\ntask .*"),
                "the dump leaves the body's own task out: " + m);
        assertFalse(m.contains("\"leavesASleeperBehind\""), "the body's task, named after the test: " + m);
        // the task dump: which task, where it was spawned, and the await it sits in
        assertTrue(m.matches("(?s).*task \\d+ \"task-\\d+\" IDLE, coroutine, .*spawned at dev\\.weft\\.test\\."
                + "WeftExtensionFailureTest\\$Samples\\.leavesASleeperBehind\\(WeftExtensionFailureTest\\.java:41\\).*"
                + "\n    at dev\\.weft\\.time\\.Sleep\\.await.*"), m);
    }

    @Test
    void thePausedClockDoesNotAdvanceDuringTheLeakCheck() {
        Throwable e = Kit.failureOf(Samples.class, "leavesASleeperBehindOnThePausedMultiThreadFlavor");
        assertTrue(e.getMessage().contains("still alive when the test body returned: 1 task"), e.getMessage());
        assertTrue(e.getMessage().contains("Weft runtime (multi-thread, 2 workers"), e.getMessage());
    }

    @Test
    void aTaskWaitingOnAChannelIsALeak() {
        Throwable e = Kit.failureOf(Samples.class, "leavesAReceiverWaiting");
        assertTrue(e.getMessage().contains("still alive when the test body returned: 1 task"), e.getMessage());
    }

    @Test
    void aBlockingTaskStillRunningIsALeak() {
        Throwable e = Kit.failureOf(Samples.class, "leavesABlockingTaskRunning");
        assertTrue(e.getMessage().contains("0 tasks, 0 coroutines besides the test's own, 1 blocking task"),
                e.getMessage());
    }

    @Test
    void aTaskFailureNobodyJoinedFailsTheTestWithThatException() {
        Throwable e = Kit.failureOf(Samples.class, "letsATaskFailUnjoined");
        assertInstanceOf(AssertionError.class, e);
        assertSame(THROWN.get(), e.getCause(), "the task's own exception is the cause");
        String m = e.getMessage();
        assertTrue(m.matches("(?s)@WeftTest: 1 task failed and nobody joined it \\(task \\d+: "
                + "java.lang.IllegalStateException: boom\\).*"), m);
        assertTrue(m.contains("Weft runtime of letsATaskFailUnjoined when the test body returned"), m);
    }

    @Test
    void aFailingAssertionIsReportedAsItIsWithTheMetricsAttached() {
        Throwable e = Kit.failureOf(Samples.class, "failsAnAssertion");
        AssertionFailedError a = assertInstanceOf(AssertionFailedError.class, e, "the test's own failure, unwrapped");
        assertEquals("one is not two ==> expected: <1> but was: <2>", a.getMessage());
        Throwable report = Arrays.stream(e.getSuppressed()).filter(s -> s instanceof RuntimeReport).findFirst()
                .orElseThrow(() -> new AssertionError("no runtime report in " + Kit.stackOf(e)));
        assertTrue(report.getMessage().startsWith("Weft runtime of failsAnAssertion when the test failed"),
                report.getMessage());
        assertTrue(report.getMessage().contains("worker 0 ["), report.getMessage());
    }

    @Test
    void aFailedTestAlsoShowsTheTaskFailuresNobodyJoined() {
        Throwable e = Kit.failureOf(Samples.class, "failsAnAssertionAfterATaskFailedUnjoined");
        assertInstanceOf(AssertionFailedError.class, e);
        assertTrue(Arrays.stream(e.getSuppressed()).anyMatch(s -> s.getCause() == THROWN.get()
                && s.getMessage().matches("task \\d+ failed and nobody joined it")), Kit.stackOf(e));
    }

    @Test
    void aHungTestFailsAfterItsTimeoutWithItsStackAndIsCancelled() {
        long start = System.nanoTime();
        Throwable e = Kit.failureOf(Samples.class, "hangsOnAChannel");
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "the guard fired");
        String m = e.getMessage();
        assertTrue(m.startsWith("@WeftTest timed out: hangsOnAChannel was still running after 300 ms of real time"), m);
        assertTrue(m.contains("and it was cancelled there"), m);
        assertTrue(m.contains("Weft runtime of hangsOnAChannel when the guard fired"), m);
        // the await stack from the task dump, on every engine (a suspended continuation is on no thread's stack)
        assertEquals("await", e.getStackTrace()[0].getMethodName(), "the stack starts at the await: " + Kit.stackOf(e));
        assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getMethodName().equals("hangsOnAChannel")),
                "the stack is the body's: " + Kit.stackOf(e));
        assertTrue(FINALLY_RAN.get(), "the body was cancelled: its finally block ran");
    }

    @Test
    void aTestHungInABlockingCallFailsWithTheStackOfThatCall() {
        Throwable e = Kit.failureOf(Samples.class, "hangsInABlockingCall");
        String m = e.getMessage();
        assertTrue(m.startsWith("@WeftTest timed out: hangsInABlockingCall was still running after 300 ms"), m);
        assertTrue(m.contains("and it was cancelled there"), m);
        // not in an await: from the dump, a virtual thread blocked in the JDK; on the continuation
        // engine, the stack of the thread the coroutine holds (the driver's)
        assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getClassName().equals("java.lang.Thread")
                && f.getMethodName().startsWith("sleep")), "the stack is in Thread.sleep: " + Kit.stackOf(e));
        assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getMethodName().equals("hangsInABlockingCall")),
                "the stack is the body's: " + Kit.stackOf(e));
        assertTrue(FINALLY_RAN.get(), "the body was cancelled: its finally block ran");
    }

    @Test
    void junitsOwnTimeoutAlsoCancelsTheBodyAndShutsTheRuntimeDown() {
        Throwable e = Kit.failureOf(Samples.class, "hangsUnderJUnitsOwnTimeout");
        assertTrue(e.getMessage().contains("timed out after 300 milliseconds"), Kit.stackOf(e));
        assertTrue(Kit.stackOf(e).contains("Weft runtime of hangsUnderJUnitsOwnTimeout when the test's thread was "
                + "interrupted"), Kit.stackOf(e));
        assertTrue(FINALLY_RAN.get(), "the body was cancelled: its finally block ran");
    }
}
