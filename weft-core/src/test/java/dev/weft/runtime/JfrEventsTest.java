package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Weft's JFR events, recorded in-process and read back. */
class JfrEventsTest {
    private static final CoroutineMode MODE =
            CoroutineMode.valueOf(System.getProperty("weft.expectedCoroutineMode", "WEFT_SCHEDULER"));
    static final List<String> ALL = List.of("dev.weft.TaskSpawned", "dev.weft.TaskFinished", "dev.weft.LongPoll",
            "dev.weft.WorkerParked", "dev.weft.WorkerUnparked", "dev.weft.BlockedWorker");

    /**
     * A poll-based future whose one poll blocks its thread for at least 6 ms, and on until the
     * blocked-worker detector has reported it (bounded), so a loaded machine cannot hide it.
     */
    static final class SlowPoll implements Future<String> {
        private final AtomicBoolean reported;

        SlowPoll(AtomicBoolean reported) {
            this.reported = reported;
        }

        @Override
        public Poll<String> poll(Context cx) {
            long start = System.nanoTime();
            try {
                do {
                    Thread.sleep(1); // the mistake: blocks the runtime's thread
                } while (System.nanoTime() - start < 6_000_000
                        || !reported.get() && System.nanoTime() - start < 2_000_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Poll.ready("slow");
        }
    }

    /** Runs {@code work} under a recording of every Weft event and returns the events of runtime {@code name}. */
    static List<RecordedEvent> record(String name, ThrowingRunnable work) throws Exception {
        Path file = Files.createTempFile("weft-test", ".jfr");
        try (Recording r = new Recording()) {
            ALL.forEach(r::enable);
            r.start();
            work.run();
            r.stop();
            r.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> name.equals(e.getString("runtime"))).toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static List<RecordedEvent> of(List<RecordedEvent> events, String type) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type)).toList();
    }

    @Test
    void aRecordingSeesSpawnsOutcomesALongPollParksAndTheBlockedWorker() throws Exception {
        AtomicBoolean slowReported = new AtomicBoolean();
        List<RecordedEvent> events = record("jfr-test", () -> {
            try (Runtime rt = Runtime.builder().currentThread().enableTime().name("jfr-test")
                    .longPollThreshold(Duration.ofMillis(3)).blockedWorkerThreshold(Duration.ofMillis(1))
                    .blockedWorkerHandler(b -> slowReported.compareAndSet(false, b.taskName().equals("slow")))
                    .build()) {
                assertEquals(1, rt.blockOn(rt.spawn("ok", (Future<Integer>) cx -> Poll.ready(1))));
                JoinHandle<Integer> failed = rt.spawn("failed", (Future<Integer>) cx -> {
                    throw new IllegalStateException("boom");
                });
                assertThrows(IllegalStateException.class, () -> rt.blockOn(failed));
                assertEquals("slow", rt.blockOn(rt.spawn("slow", new SlowPoll(slowReported))));
                JoinHandle<Void> aborted = rt.spawn("aborted", (Future<Void>) cx -> Poll.pending());
                aborted.abort();
                assertThrows(JoinError.class, () -> rt.blockOn(aborted));
                // Nothing to run until another thread has seen the driver park: a short timer was
                // not enough, since a thread preempted past the deadline finds it due and never parks.
                Signal<String> parked = new Signal<>();
                Thread completer = Thread.ofPlatform().start(() -> {
                    MetricsTest.eventually(() -> rt.metrics().totalParks() > 0, "the driver parks");
                    parked.complete("parked");
                });
                assertEquals("parked", rt.blockOn(parked));
                completer.join();
            }
        });
        Map<String, Boolean> spawned = of(events, "dev.weft.TaskSpawned").stream()
                .collect(Collectors.toMap(e -> e.getString("taskName"), e -> e.getBoolean("coroutine")));
        assertEquals(Map.of("ok", false, "failed", false, "slow", false, "aborted", false), spawned);
        assertTrue(of(events, "dev.weft.TaskSpawned").get(0).getStackTrace().getFrames().stream()
                .anyMatch(f -> f.getMethod().getType().getName().equals(JfrEventsTest.class.getName())),
                "the spawn event's stack is the spawner's");

        Map<String, String> outcomes = of(events, "dev.weft.TaskFinished").stream()
                .collect(Collectors.toMap(e -> e.getString("taskName"), e -> e.getString("outcome")));
        assertEquals(Map.of("ok", "ok", "failed", "failed", "slow", "ok", "aborted", "cancelled"), outcomes);
        RecordedEvent failure = of(events, "dev.weft.TaskFinished").stream()
                .filter(e -> e.getString("taskName").equals("failed")).findFirst().orElseThrow();
        assertEquals(IllegalStateException.class.getName(), failure.getString("failure"));

        List<RecordedEvent> longPolls = of(events, "dev.weft.LongPoll");
        RecordedEvent lp = longPolls.stream().filter(e -> e.getString("taskName").equals("slow")).findFirst()
                .orElseThrow(() -> new AssertionError("no long poll of 'slow' in " + longPolls));
        assertTrue(lp.getDuration().toNanos() >= 3_000_000, lp.getDuration().toString());
        assertEquals(SlowPoll.class.getName(), lp.getString("futureClass"));
        assertTrue(lp.getStackTrace() != null && !lp.getStackTrace().getFrames().isEmpty(), "the poller's stack");

        RecordedEvent blocked = of(events, "dev.weft.BlockedWorker").stream() // (class loading may be seen too)
                .filter(e -> e.getString("taskName").equals("slow")).findFirst()
                .orElseThrow(() -> new AssertionError("'slow' not seen: " + of(events, "dev.weft.BlockedWorker")));
        assertTrue(blocked.getString("blockedStack").contains(SlowPoll.class.getName() + ".poll"),
                blocked.getString("blockedStack"));
        assertEquals(Thread.currentThread().getName(), blocked.getThread("workerThread").getJavaName(),
                "the thread inside blockOn drives a current-thread runtime");

        assertTrue(!of(events, "dev.weft.WorkerParked").isEmpty(), "the driver parked");
        assertTrue(!of(events, "dev.weft.WorkerUnparked").isEmpty(), "and woke up");
    }

    /**
     * On Weft's workers a coroutine that spins holds its worker: a long poll of its task, reported
     * once. With the JDK's scheduler it holds a JDK carrier, not the worker: shown by another task
     * running on the runtime's only worker while the coroutine spins.
     *
     * <p>No assertion counts on a poll being short: a loaded machine stops any thread for many ms
     * (in CI a 7 ms LongPoll of this runtime failed it; with two busy loops a second, 8 ms one of
     * the spinner, after its spin). So the spin poll is told apart by its length (100 ms), "once"
     * means that no two long polls of the spinner overlap (a poll reported twice would), and the
     * JDK-scheduler case rests on what ran, not on how long anything took.
     */
    @Test
    void aCoroutineThatHoldsItsWorkerIsALongPollOfItsTask() throws Exception {
        long spinNanos = 100_000_000;
        AtomicBoolean otherRan = new AtomicBoolean();
        boolean[] workerFreeMeanwhile = new boolean[1];
        List<RecordedEvent> events = record("jfr-coroutine", () -> {
            try (Runtime rt = Runtime.builder().workerThreads(1).name("jfr-coroutine")
                    .longPollThreshold(Duration.ofMillis(3)).disableBlockedWorkerDetector().build()) {
                rt.blockOn(rt.spawn("warm-up", () -> null)); // the JVM's first virtual thread starts slowly
                workerFreeMeanwhile[0] = rt.blockOn(rt.spawn("spinner", () -> {
                    if (MODE == CoroutineMode.JDK_SCHEDULER) {
                        rt.spawn("other", (Future<Void>) cx -> {
                            otherRan.set(true);
                            return Poll.ready(null);
                        });
                    }
                    // Holds its thread, no await: spins its 100 ms, and with the JDK's scheduler on
                    // until the runtime's only worker has run the other task (at most 10 s).
                    long start = System.nanoTime();
                    while (System.nanoTime() - start < spinNanos
                            || MODE == CoroutineMode.JDK_SCHEDULER && !otherRan.get()
                            && System.nanoTime() - start < 10_000_000_000L) {
                        Thread.onSpinWait();
                    }
                    return otherRan.get();
                }));
            }
        });
        if (MODE == CoroutineMode.JDK_SCHEDULER) {
            assertTrue(workerFreeMeanwhile[0], "coroutines run on the JDK's carriers: no Weft worker is held, "
                    + "the only one ran another task while the coroutine spun");
            return;
        }
        List<RecordedEvent> spins = of(events, "dev.weft.LongPoll").stream()
                .filter(e -> e.getString("taskName").equals("spinner"))
                .filter(e -> e.getDuration().toNanos() >= spinNanos)
                .sorted(java.util.Comparator.comparing(RecordedEvent::getStartTime)).toList();
        assertTrue(!spins.isEmpty(), "the spin is a long poll of its task: " + of(events, "dev.weft.LongPoll"));
        for (int i = 1; i < spins.size(); i++) {
            assertTrue(!spins.get(i).getStartTime().isBefore(spins.get(i - 1).getEndTime()),
                    "one event per long poll: " + spins);
        }
        for (RecordedEvent spin : spins) {
            assertTrue(spin.getBoolean("coroutine"), spin.toString());
            assertTrue(spin.getString("futureClass").startsWith(JfrEventsTest.class.getName()),
                    spin.getString("futureClass"));
        }
    }
}
