package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import org.junit.jupiter.api.Test;

/** The watchdog's check that a worker is still inside the run it saw, on synthetic stacks. */
class WatchdogTest {
    private static final String CT = CurrentThreadScheduler.class.getName();

    static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, null, -1);
    }

    static StackTraceElement[] stack(StackTraceElement... innermostFirst) {
        return innermostFirst;
    }

    @Test
    void aTaskRunIsRecognisedByItsRunFrame() {
        Task<Void> task = new Task<>(new CurrentThreadScheduler(SchedulerConfig.of(null, null, (id, e) -> { })), cx -> Poll.ready(null), 1, "t");
        assertTrue(Watchdog.insideRun(task, stack(frame("java.lang.Thread", "sleep"), frame("com.example.Slow", "poll"),
                frame(Task.class.getName(), "run"), frame(Worker.class.getName(), "runOne"))));
        // the run ended: the worker is in the scheduler's own code (seen in a stress test: a contended lock)
        assertFalse(Watchdog.insideRun(task, stack(frame(InjectQueue.class.getName(), "popInto"),
                frame(Worker.class.getName(), "takeFromInject"), frame(Worker.class.getName(), "run"))));
        assertFalse(Watchdog.insideRun(task, stack()), "a thread that ended has no stack");
    }

    @Test
    void aCoroutineRunIsRecognisedOnItsCarrier() {
        Coroutine<Integer> c = new Coroutine<>(() -> 1);
        assertTrue(Watchdog.insideRun(c, stack(frame("jdk.internal.vm.Continuation", "run"),
                frame(CT, "runCoroutine"), frame(Coroutine.class.getName(), "run"), frame(CT, "turn"))));
        assertFalse(Watchdog.insideRun(c, stack(frame(CT, "drainInject"), frame(CT, "turn"), frame(CT, "blockOn"))));
    }

    @Test
    void theBlockOnFutureIsInsideItsPollOnlyWhenBlockOnCallsOutOfTheScheduler() {
        Object marker = new Object();
        assertTrue(Watchdog.insideRun(marker, stack(frame("java.lang.Thread", "sleep"), frame("com.example.Main", "poll"),
                frame(CT, "blockOn"), frame("com.example.Main", "main"))));
        assertFalse(Watchdog.insideRun(marker, stack(frame("java.util.ArrayDeque", "pollFirst"), frame(CT, "turn"),
                frame(CT, "blockOn"), frame("com.example.Main", "main"))));
        assertFalse(Watchdog.insideRun(marker, stack(frame(CT + "$MainWaker", "wake"), frame(CT, "blockOn"))));
    }
}
