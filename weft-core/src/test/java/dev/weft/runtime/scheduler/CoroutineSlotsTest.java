package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Weft;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.Handle;
import dev.weft.runtime.Runtime;
import dev.weft.sync.Oneshot;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A virtual-thread coroutine keeps its suspender and runtime in fields of the coroutine, found
 * through its thread's scheduler, not in thread-locals; a virtual thread it starts inherits the
 * scheduler but not those slots.
 */
@Timeout(60)
class CoroutineSlotsTest {

    private static Runtime runtime(int workers) {
        var b = Runtime.builder().enableAll().coroutineMode(CoroutineMode.WEFT_SCHEDULER);
        return (workers == 0 ? b.currentThread() : b.multiThread().workerThreads(workers)).build();
    }

    private static VarHandle threadLocals() {
        try {
            return MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
                    .findVarHandle(Thread.class, "threadLocals", Class.forName("java.lang.ThreadLocal$ThreadLocalMap"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Test
    void aCoroutineMakesNoThreadLocalMapForWeftsOwnState() throws Exception {
        assumeTrue(CoroutineThreads.onWeftWorkers(), "java.lang is not opened to Weft: coroutines are not on its workers");
        VarHandle locals = threadLocals();
        assumeTrue(locals != null, "Thread.threadLocals cannot be read in this JVM");
        for (int workers : new int[] {0, 2}) {
            try (Runtime rt = runtime(workers)) {
                Object map = rt.blockOn(rt.handle().spawn(() -> {
                    for (int i = 0; i < 3; i++) {
                        Weft.yieldNow().await();
                        Weft.spawn(() -> Handle.current().metrics()).await();
                    }
                    return locals.get(Thread.currentThread());
                }));
                assertNull(map, "the coroutine's thread-local map (" + workers + " workers)");
            }
        }
    }

    @Test
    void aVirtualThreadStartedByACoroutineHasNoneOfItsSlots() throws Exception {
        assumeTrue(CoroutineThreads.onWeftWorkers(), "java.lang is not opened to Weft: coroutines are not on its workers");
        for (int workers : new int[] {0, 2}) {
            try (Runtime rt = runtime(workers)) {
                String seen = rt.blockOn(rt.handle().spawn(() -> {
                    var ch = Oneshot.<String>channel();
                    AtomicReference<String> inChild = new AtomicReference<>();
                    Thread child = Thread.ofVirtual().start(() -> {
                        String runtime;
                        try {
                            Handle.current();
                            runtime = "a runtime";
                        } catch (IllegalStateException expected) {
                            runtime = "no runtime";
                        }
                        try {
                            inChild.set(runtime + ", got " + ch.receiver().await()); // parks this thread
                        } catch (Exception e) {
                            inChild.set(runtime + ", " + e);
                        }
                    });
                    Weft.yieldNow().await();
                    ch.sender().send("hello");
                    while (child.isAlive()) {
                        Weft.yieldNow().await();
                    }
                    return inChild.get();
                }));
                assertEquals("no runtime, got hello", seen, workers + " workers");
            }
        }
    }
}
