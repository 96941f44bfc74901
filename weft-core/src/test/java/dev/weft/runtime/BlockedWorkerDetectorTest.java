package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BlockedWorkerDetectorTest {
    private static final CoroutineMode MODE =
            CoroutineMode.valueOf(System.getProperty("weft.expectedCoroutineMode", "WEFT_SCHEDULER"));

    /**
     * The mistake: a poll-based future whose poll blocks its thread in {@code Thread.sleep}. If
     * {@code reported} is given, the poll then stays blocked until it holds (at most 5 s more),
     * so that a watchdog thread delayed by a loaded machine still sees the poll.
     */
    static final class SleepingPoll implements Future<String> {
        private final long millis;
        private final BooleanSupplier reported;

        SleepingPoll(long millis, BooleanSupplier reported) {
            this.millis = millis;
            this.reported = reported;
        }

        @Override
        public Poll<String> poll(Context cx) {
            try {
                Thread.sleep(millis);
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (reported != null && !reported.getAsBoolean() && System.nanoTime() - deadline < 0) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Poll.ready("slept");
        }
    }

    /**
     * A task polled {@code times} times, each poll short; it wakes itself in between. Each poll's
     * real duration goes into {@code longest} if it is the longest yet.
     */
    static Future<String> shortPolls(int times, long millisEach, AtomicLong longest) {
        int[] left = {times};
        return cx -> {
            long start = System.nanoTime();
            try {
                Thread.sleep(millisEach);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            longest.accumulateAndGet(System.nanoTime() - start, Math::max);
            if (--left[0] == 0) {
                return Poll.ready("done");
            }
            cx.waker().wake();
            return Poll.pending();
        };
    }

    static Set<Thread> watchdogs() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("weft-watchdog-"))
                .collect(Collectors.toSet());
    }

    /** Waits (bounded) for a report the watchdog thread may still be delivering. */
    static void awaitReports(List<BlockedWorker> reports, int n) {
        MetricsTest.eventually(() -> reports.size() >= n, n + " report(s)");
    }

    static List<String> names(List<BlockedWorker> reports) {
        return reports.stream().map(BlockedWorker::taskName).toList();
    }

    static boolean hasFrame(BlockedWorker b, String className, String method) {
        return b.stackTrace().stream().anyMatch(e -> e.getClassName().equals(className) && e.getMethodName().equals(method));
    }

    @Test
    void aSleepingPollOnACurrentThreadRuntimeIsReportedOnceWithItsNameAndStack() throws Exception {
        List<BlockedWorker> reports = new CopyOnWriteArrayList<>();
        JoinHandle<String> h;
        try (Runtime rt = Runtime.builder().currentThread().blockedWorkerHandler(reports::add).build()) {
            h = rt.spawn("sleepy", new SleepingPoll(300, () -> !reports.isEmpty()));
            assertEquals("slept", rt.blockOn(h));
            awaitReports(reports, 1);
        }
        assertEquals(1, reports.size(), () -> "one report per blocked poll: " + names(reports));
        BlockedWorker b = reports.get(0);
        assertEquals("sleepy", b.taskName());
        assertEquals(h.id(), b.taskId());
        assertFalse(b.inCoroutine());
        assertEquals(Thread.currentThread().getName(), b.threadName(), "the driving thread is the worker");
        assertTrue(b.blockedFor().compareTo(Duration.ofMillis(100)) >= 0, b.blockedFor().toString());
        assertTrue(hasFrame(b, "java.lang.Thread", "sleep"), b.message());
        assertTrue(hasFrame(b, SleepingPoll.class.getName(), "poll"), b.message());
        assertTrue(b.message().contains("sleepy") && b.message().contains("Thread.sleep"), b.message());
    }

    @Test
    void aSleepingPollOnAMultiThreadRuntimeIsReportedOnce() throws Exception {
        List<BlockedWorker> reports = new CopyOnWriteArrayList<>();
        JoinHandle<String> h;
        try (Runtime rt = Runtime.builder().workerThreads(2).blockedWorkerHandler(reports::add).build()) {
            h = rt.spawn("sleepy-mt", new SleepingPoll(300, () -> !reports.isEmpty()));
            assertEquals("slept", rt.blockOn(h));
            awaitReports(reports, 1);
        }
        assertEquals(1, reports.size(), () -> names(reports).toString());
        BlockedWorker b = reports.get(0);
        assertEquals("sleepy-mt", b.taskName());
        assertEquals(h.id(), b.taskId());
        assertTrue(b.threadName().startsWith("weft-worker-"), b.threadName());
        assertTrue(hasFrame(b, SleepingPoll.class.getName(), "poll"), b.message());
    }

    /**
     * A loaded machine can stop the worker for longer than the threshold inside one ~3 ms poll
     * (a whole-process stall of 300 ms made this fail); that poll then really held its worker, and
     * its report is right. So the test measures each poll and fails on a report only when no poll
     * lasted the threshold: the detector summed short polls.
     */
    @Test
    void shortPollsAreNotReportedEvenWhenTheyAddUp() throws Exception {
        List<BlockedWorker> reports = new CopyOnWriteArrayList<>();
        AtomicLong longest = new AtomicLong();
        Duration threshold = Duration.ofMillis(60);
        long start = System.nanoTime();
        try (Runtime rt = Runtime.builder().currentThread().blockedWorkerThreshold(threshold)
                .blockedWorkerHandler(reports::add).build()) {
            // one task polled 40 times for ~3 ms, and 20 tasks of one ~3 ms poll: ~180 ms busy in all
            JoinHandle<String> again = rt.spawn("again", shortPolls(40, 3, longest));
            for (int i = 0; i < 20; i++) {
                rt.spawn(shortPolls(1, 3, longest));
            }
            assertEquals("done", rt.blockOn(again));
        }
        assertTrue(System.nanoTime() - start > threshold.toNanos(), "the polls add up to more than the threshold");
        // A report is of a run that lasted its blockedFor; the poll inside it, minus a few µs.
        long allowance = Duration.ofMillis(1).toNanos();
        for (BlockedWorker b : reports) {
            assertTrue(longest.get() + allowance >= b.blockedFor().toNanos(), () -> "reported " + b.taskName()
                    + " blocked for " + b.blockedFor() + ", but no poll took longer than "
                    + Duration.ofNanos(longest.get()));
        }
    }

    @Test
    void aCoroutineSpinningOnItsWorkerIsReportedWithItsOwnStack() throws Exception {
        List<BlockedWorker> reports = new CopyOnWriteArrayList<>();
        try (Runtime rt = Runtime.builder().currentThread().blockedWorkerHandler(reports::add).build()) {
            // spins 300 ms, then on until reported (at most 5 s): a coroutine never yields its carrier here
            JoinHandle<Long> h = rt.spawn("spinner", () -> spin(300, MODE != CoroutineMode.JDK_SCHEDULER ? reports : null));
            rt.blockOn(h);
            if (MODE != CoroutineMode.JDK_SCHEDULER) {
                awaitReports(reports, 1);
            }
        }
        if (MODE == CoroutineMode.JDK_SCHEDULER) {
            assertEquals(List.of(), names(reports), "coroutines run on the JDK's threads, not on this runtime's");
            return;
        }
        assertEquals(1, reports.size(), () -> names(reports).toString());
        BlockedWorker b = reports.get(0);
        assertEquals("spinner", b.taskName());
        assertTrue(b.inCoroutine());
        assertTrue(hasFrame(b, BlockedWorkerDetectorTest.class.getName(), "spin"), b.message());
    }

    static long spin(long millis, List<BlockedWorker> reports) {
        long start = System.nanoTime();
        long n = 0;
        while (System.nanoTime() - start < millis * 1_000_000
                || (reports != null && reports.isEmpty() && System.nanoTime() - start < 5_000_000_000L)) {
            n++;
        }
        return n;
    }

    @Test
    void theDetectorCanBeTurnedOffAndThenStartsNoThread() throws Exception {
        List<BlockedWorker> reports = new CopyOnWriteArrayList<>();
        Consumer<BlockedWorker> handler = reports::add;
        Set<Thread> before = watchdogs();
        for (RuntimeBuilder b : List.of(
                Runtime.builder().currentThread().disableBlockedWorkerDetector().blockedWorkerHandler(handler),
                Runtime.builder().currentThread().blockedWorkerThreshold(Duration.ZERO).blockedWorkerHandler(handler))) {
            try (Runtime rt = b.build()) {
                Set<Thread> started = watchdogs();
                started.removeAll(before);
                assertEquals(Set.of(), started, "no watchdog thread");
                assertEquals("slept", rt.blockOn(rt.spawn("sleepy", new SleepingPoll(150, null))));
            }
        }
        assertEquals(List.of(), names(reports));
    }

    @Test
    void theWatchdogThreadEndsWhenTheRuntimeCloses() {
        for (RuntimeBuilder b : List.of(Runtime.builder().currentThread(), Runtime.builder().workerThreads(1))) {
            Set<Thread> before = watchdogs();
            Runtime rt = b.build();
            Set<Thread> mine = watchdogs();
            mine.removeAll(before);
            assertEquals(1, mine.size(), "one watchdog per runtime: " + mine);
            Thread w = mine.iterator().next();
            assertTrue(w.isDaemon());
            rt.close();
            assertFalse(w.isAlive(), "close() stops and joins the watchdog");
        }
    }

    @Test
    void aCurrentThreadRuntimeDroppedWithoutCloseDoesNotLeakItsWatchdog() throws Exception {
        Set<Thread> before = watchdogs();
        Thread w = useAndDrop();
        w.join(1); // keep w reachable, not the runtime
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (w.isAlive() && System.nanoTime() - deadline < 0) {
            System.gc();
            Thread.sleep(20);
        }
        assertFalse(w.isAlive(), "the watchdog holds its runtime weakly and ends once it is collected");
        assertFalse(before.contains(w));
    }

    /** Builds a current-thread runtime, runs a task on it, and forgets it without close(). */
    private static Thread useAndDrop() throws Exception {
        Set<Thread> before = watchdogs();
        Runtime rt = Runtime.builder().currentThread().build();
        rt.blockOn(rt.spawn("short", cx -> Poll.ready(1)));
        Set<Thread> mine = watchdogs();
        mine.removeAll(before);
        assertEquals(1, mine.size());
        return mine.iterator().next();
    }

    @Test
    void aFailingHandlerDoesNotStopTheDetector() throws Exception {
        List<BlockedWorker> reports = new CopyOnWriteArrayList<>();
        try (Runtime rt = Runtime.builder().currentThread().blockedWorkerThreshold(Duration.ofMillis(50))
                .blockedWorkerHandler(b -> {
                    reports.add(b);
                    throw new IllegalStateException("handler bug");
                }).build()) {
            rt.blockOn(rt.spawn("first", new SleepingPoll(150, () -> reports.size() >= 1)));
            awaitReports(reports, 1);
            rt.blockOn(rt.spawn("second", new SleepingPoll(150, () -> reports.size() >= 2)));
            awaitReports(reports, 2);
        }
        assertEquals(List.of("first", "second"), reports.stream().map(BlockedWorker::taskName).toList());
    }

    @Test
    void theMessageSaysWhatIsBlockedByWhatAndWhereAndLogDoesNotThrow() {
        StackTraceElement frame = new StackTraceElement("com.example.Dao", "query", "Dao.java", 12);
        BlockedWorker b = new BlockedWorker("weft-worker-0", 5, "load", false, Duration.ofMillis(120), List.of(frame));
        String m = b.message();
        assertTrue(m.startsWith("Weft worker thread 'weft-worker-0' has been blocked for 120 ms by one poll of load "
                + "(task id 5)"), m);
        assertTrue(m.contains("Time.sleep instead of Thread.sleep"), m);
        assertTrue(m.endsWith("\n\tat com.example.Dao.query(Dao.java:12)"), m);
        b.log(); // the default handler: a WARNING through System.Logger "dev.weft.runtime"
    }

    @Test
    void theMessageNamesACoroutineOfATaskAndACoroutineOutsideAnyTaskOnce() {
        StackTraceElement frame = new StackTraceElement("com.example.Dao", "query", "Dao.java", 12);
        String inTask = new BlockedWorker("w", 5, "load", true, Duration.ofMillis(120), List.of(frame)).message();
        assertTrue(inTask.contains("by one poll of a coroutine of load (task id 5):"), inTask);
        String outside = new BlockedWorker("w", 0, "a coroutine started outside any task", true,
                Duration.ofMillis(120), List.of(frame)).message();
        assertTrue(outside.contains("by one poll of a coroutine started outside any task:"), outside);
    }

    @Test
    void badThresholdsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Runtime.builder().blockedWorkerThreshold(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> Runtime.builder().blockedWorkerThreshold(Duration.ofNanos(500)));
        assertThrows(IllegalArgumentException.class, () -> Runtime.builder().blockedWorkerThreshold(null));
        assertThrows(IllegalArgumentException.class, () -> Runtime.builder().blockedWorkerHandler(null));
    }
}
