package dev.weft.runtime;

import static dev.weft.runtime.BlockingTest.newRuntime;
import static dev.weft.runtime.RuntimeTest.unchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Poll;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** blockInPlace: who may block in place, and what happens to the body. */
class BlockInPlaceTest {

    @Test
    void blockInPlaceInACoroutineRunsTheBodyOnTheCoroutinesThread() throws Exception {
        try (Runtime rt = newRuntime()) {
            List<Thread> threads = rt.blockOn(Async.async(() -> {
                Thread outer = Thread.currentThread();
                Thread inner = Weft.blockInPlace(Thread::currentThread);
                Thread blocking = Weft.blockInPlace(() -> {
                    Thread.sleep(1); // a blocking JDK call: parks only the coroutine
                    return Thread.currentThread();
                });
                return List.of(outer, inner, blocking);
            }));
            assertSame(threads.get(0), threads.get(1));
            assertSame(threads.get(0), threads.get(2));
        }
    }

    @Test
    void blockInPlaceRethrowsTheBodysExceptionAsItIs() {
        IOException boom = new IOException("boom");
        try (Runtime rt = newRuntime()) {
            assertSame(boom, assertThrows(IOException.class, () -> rt.blockOn(Async.async(() ->
                    Weft.blockInPlace(() -> {
                        throw boom;
                    })))));
        }
        assertSame(boom, assertThrows(IOException.class, () -> Weft.blockInPlace(() -> {
            throw boom;
        })));
    }

    @Test
    void blockInPlaceOnTheThreadOfACurrentThreadRuntimeIsRefused() {
        try (Runtime rt = newRuntime()) {
            AtomicBoolean ran = new AtomicBoolean();
            Callable<Boolean> body = () -> ran.getAndSet(true);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(cx -> Poll.ready(unchecked(() -> Weft.blockInPlace(body)))));
            assertTrue(e.getMessage().contains("spawnBlocking"), e.getMessage());
            JoinHandle<Boolean> task = rt.spawn(cx -> Poll.ready(unchecked(() -> Weft.blockInPlace(body))));
            IllegalStateException e2 = assertThrows(IllegalStateException.class, () -> rt.blockOn(task));
            assertTrue(e2.getMessage().contains("current-thread"), e2.getMessage());
            assertFalse(ran.get(), "the body never ran");
        }
    }

    @Test
    void blockInPlaceOutsideARuntimeOrOnABlockingThreadJustRuns() throws Exception {
        assertEquals("plain", Weft.blockInPlace(() -> "plain"));
        try (Runtime rt = newRuntime()) {
            assertEquals("here", Weft.blockInPlace(() -> "here"));
            assertEquals("blocking thread", rt.blockOn(rt.spawnBlocking(() -> Weft.blockInPlace(() -> "blocking thread"))));
        }
    }
}
