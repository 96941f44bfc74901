package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.TaskInfo.State;
import dev.weft.sync.Oneshot;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@link Handle#dumpTasks()}: a hung program shows what each task waits for (both coroutine modes). */
class TaskDumpTest {

    /** A poll-based future that never completes (and never arranges a wake-up). */
    static final class Forever implements Future<Void> {
        @Override
        public Poll<Void> poll(Context cx) {
            return Poll.pending();
        }
    }

    /**
     * Sleeps 1 ms (on a paused clock: until every other task is idle), then spawns a task that is
     * still queued when it dumps, while it is itself being polled.
     */
    static final class Dumper implements Future<TaskDump> {
        private Future<Void> sleep;

        @Override
        public Poll<TaskDump> poll(Context cx) {
            if (sleep == null) {
                sleep = Time.sleep(Duration.ofMillis(1));
            }
            if (!sleep.poll(cx).isReady()) {
                return Poll.pending();
            }
            Handle h = Handle.current();
            h.spawn("queued", (Future<Void>) c -> Poll.ready(null));
            return Poll.ready(h.dumpTasks());
        }
    }

    static TaskInfo find(TaskDump dump, String name) {
        return dump.tasks().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + name + " in\n" + dump));
    }

    @Test
    void aHungProgramShowsEachTaskWithItsStateAndTheCoroutinesAwait() throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().enableTime().startPaused(true)
                .name("dump-test").captureSpawnLocations(true).build()) {
            Oneshot.Channel<String> never = Oneshot.channel(); // nobody ever sends
            rt.spawn("waiter", () -> never.receiver().await());
            rt.spawn("pending-forever", new Forever());
            TaskDump dump = rt.blockOn(rt.spawn("dumper", new Dumper()));
            System.out.println(dump);

            assertEquals("dump-test", dump.runtimeName());
            assertEquals(List.of("waiter", "pending-forever", "dumper", "queued"),
                    dump.tasks().stream().map(TaskInfo::name).toList(), "oldest first");

            TaskInfo waiter = find(dump, "waiter");
            assertEquals(State.IDLE, waiter.state(), dump.toString());
            assertTrue(waiter.coroutine());
            assertTrue(waiter.sinceLastPoll().isPresent());
            assertEquals("await", waiter.stack().get(0).getMethodName(), "the stack starts at the await: " + waiter);
            assertTrue(waiter.stack().get(0).getClassName().startsWith(Oneshot.class.getName()), waiter.toString());
            assertTrue(waiter.stack().stream().anyMatch(e -> e.getClassName().equals(TaskDumpTest.class.getName())
                    && e.getMethodName().contains("aHungProgramShowsEachTask")), "the test's frame: " + waiter);
            assertTrue(waiter.stack().stream().noneMatch(e -> e.getClassName().startsWith("dev.weft.runtime.scheduler.")
                    || e.getClassName().startsWith("java.lang.VirtualThread")), "Weft's frames trimmed: " + waiter);
            assertEquals(TaskDumpTest.class.getName(), waiter.spawnLocation().orElseThrow().getClassName());

            TaskInfo pending = find(dump, "pending-forever");
            assertEquals(State.IDLE, pending.state());
            assertFalse(pending.coroutine());
            assertEquals(Forever.class.getName(), pending.futureClass());
            assertTrue(pending.stack().isEmpty());
            assertTrue(pending.sinceLastPoll().isPresent(), "it was polled once");

            assertEquals(State.RUNNING, find(dump, "dumper").state(), "the task that dumps is being polled");
            TaskInfo queued = find(dump, "queued");
            assertEquals(State.SCHEDULED, queued.state());
            assertTrue(queued.sinceLastPoll().isEmpty(), "never polled");
            assertEquals(Dumper.class.getName(), queued.spawnLocation().orElseThrow().getClassName(),
                    queued.toString());
            assertEquals("poll", queued.spawnLocation().orElseThrow().getMethodName(), "spawned inside Dumper.poll");

            String text = dump.toString();
            assertTrue(text.startsWith("Weft task dump of runtime 'dump-test' at "), text);
            assertTrue(text.contains("task " + waiter.id() + " \"waiter\" IDLE, coroutine, last polled "), text);
            assertTrue(text.contains("\"pending-forever\" IDLE, future " + Forever.class.getName()), text);
            assertTrue(text.contains("\"queued\" SCHEDULED, future "), text);
            assertTrue(text.contains("never polled"), text);
        }
    }

    @Test
    void withoutCaptureTheSpawnLocationIsUnknownAndSaysHowToGetIt() throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().build()) {
            JoinHandle<Void> h = rt.spawn("plain", new Forever());
            TaskDump dump = rt.handle().dumpTasks();
            TaskInfo t = dump.task(h.id()).orElseThrow();
            assertEquals(State.SCHEDULED, t.state(), "spawned from outside, nobody drove the runtime yet");
            assertTrue(t.spawnLocation().isEmpty());
            assertTrue(t.toString().contains("spawned at unknown (enable RuntimeBuilder.captureSpawnLocations)"),
                    t.toString());
            assertTrue(dump.runtimeName().matches("weft-\\d+"), dump.runtimeName());
            h.abort();
        }
    }

    @Test
    void aCoroutineInABlockingJdkCallIsBlockedWithTheCallsStack() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.weft.testkit.Modes.continuation(), dev.weft.testkit.Modes.NO_BLOCKING_PROMISE);
        CountDownLatch release = new CountDownLatch(1);
        try (Runtime rt = Runtime.builder().workerThreads(1).build()) {
            JoinHandle<String> h = rt.spawn("latched", () -> {
                release.await(); // a JDK call: parks the coroutine's virtual thread, not in an await
                return "released";
            });
            TaskInfo t = eventually(rt, h.id(), State.BLOCKED);
            assertTrue(t.coroutine());
            assertTrue(t.stack().stream().anyMatch(e -> e.getClassName().equals(CountDownLatch.class.getName())),
                    t.toString());
            assertTrue(t.stack().stream().anyMatch(e -> e.getClassName().equals(TaskDumpTest.class.getName())),
                    t.toString());
            release.countDown();
            assertEquals("released", rt.blockOn(h));
            assertTrue(rt.handle().dumpTasks().task(h.id()).isEmpty(), "a finished task is not listed");
        }
    }

    /** Dumps until task {@code id} is in {@code state} (bounded, generously: a loaded machine may take seconds). */
    static TaskInfo eventually(Runtime rt, long id, State state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (;;) {
            TaskDump d = rt.handle().dumpTasks();
            TaskInfo t = d.task(id).orElseThrow(() -> new AssertionError("task " + id + " not in\n" + d));
            if (t.state() == state) {
                return t;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("task " + id + " never became " + state + ":\n" + d);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    @Test
    void dumpingFromAnotherThreadWhileTheWorkersAreBusyNeitherFailsNorStallsThem() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (Runtime rt = Runtime.builder().workerThreads(2).build()) {
            for (int i = 0; i < 200; i++) {
                rt.spawn("yielder-" + i, (Future<Void>) cx -> { // re-polled until stopped: busy workers
                    if (stop.get()) {
                        return Poll.ready(null);
                    }
                    cx.waker().wake();
                    return Poll.pending();
                });
            }
            JoinHandle<Void> idle = rt.spawn("idle", () -> {
                Oneshot.Channel<Void> never = Oneshot.channel();
                never.receiver().await();
                return null;
            });
            eventually(rt, idle.id(), State.IDLE);
            long pollsBefore = rt.metrics().totalPolls();
            for (int i = 0; i < 50; i++) {
                TaskDump d = rt.handle().dumpTasks();
                assertTrue(d.tasks().size() >= 200, "the yielders and the idle coroutine: " + d.tasks().size());
                assertTrue(d.tasks().stream().allMatch(t -> t.state() != State.BLOCKED), d.toString());
            }
            assertTrue(rt.metrics().totalPolls() > pollsBefore, "the workers kept polling");
            TaskInfo waiting = rt.handle().dumpTasks().task(idle.id()).orElseThrow();
            assertEquals("await", waiting.stack().get(0).getMethodName(), waiting.toString());
            stop.set(true);
            idle.abort();
        }
    }
}
