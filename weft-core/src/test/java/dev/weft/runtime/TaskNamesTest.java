package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class TaskNamesTest {

    static Runtime newRuntime() {
        return Runtime.builder().currentThread().build();
    }

    @Test
    void aNamedTaskHasItsNameAndAnUnnamedOneItsId() throws Exception {
        try (Runtime rt = newRuntime()) {
            JoinHandle<Integer> named = rt.spawn("answer", cx -> Poll.ready(42));
            JoinHandle<Integer> unnamed = rt.spawn(cx -> Poll.ready(7));
            assertEquals("answer", named.name());
            assertEquals("task-" + unnamed.id(), unnamed.name());
            assertEquals(42, rt.blockOn(named));
            assertEquals("answer", named.name(), "the name outlives the task");
            assertEquals(7, rt.blockOn(unnamed));
            assertTrue(named.toString().contains("answer"), named.toString());
        }
    }

    @Test
    void namesNeedNotBeUnique() throws Exception {
        try (Runtime rt = newRuntime()) {
            JoinHandle<Integer> a = rt.handle().spawn("same", cx -> Poll.ready(1));
            JoinHandle<Integer> b = rt.handle().spawn("same", cx -> Poll.ready(2));
            assertEquals(a.name(), b.name());
            assertTrue(a.id() != b.id());
            assertEquals(3, rt.blockOn(a) + rt.blockOn(b));
        }
    }

    @Test
    void aNamedCoroutineTaskRunsOnAThreadOfThatName() throws Exception {
        try (Runtime rt = newRuntime()) {
            String seen = rt.blockOn(Async.async(() -> {
                JoinHandle<String> h = Weft.spawn("loader", () -> Thread.currentThread().getName());
                assertEquals("loader", h.name());
                JoinHandle<String> f = Weft.spawn("poller", cx -> Poll.ready("p"));
                assertEquals("poller", f.name());
                assertEquals("p", f.await());
                return h.await();
            }));
            if (dev.weft.testkit.Modes.continuation()) {
                // no thread of its own: it runs on (and is named after) the worker that resumes it
                assertTrue(seen.startsWith("weft-worker-") || seen.equals(Thread.currentThread().getName()), seen);
                return;
            }
            assertEquals("loader", seen);
            JoinHandle<String> direct = rt.spawn("direct", () -> Thread.currentThread().getName());
            assertEquals("direct", rt.blockOn(direct));
        }
    }

    @Test
    void nullNamesAndBodiesAreRejectedWithTheArgumentsName() {
        try (Runtime rt = newRuntime()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rt.spawn(null, cx -> Poll.ready(1)));
            assertTrue(e.getMessage().contains("name"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> rt.spawn("x", (Future<Integer>) null));
            assertThrows(IllegalArgumentException.class, () -> rt.spawn("x", (Callable<Integer>) null));
            assertThrows(IllegalArgumentException.class, () -> rt.blockOn(Async.async(() -> Weft.spawn(null, () -> 1))));
        }
    }
}
