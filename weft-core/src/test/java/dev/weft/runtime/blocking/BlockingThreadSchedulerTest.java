package dev.weft.runtime.blocking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.runtime.Runtime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A blocking task spawned by a coroutine runs on the JDK's default virtual-thread scheduler,
 * never on the runtime's worker (which a plain {@code Thread.ofVirtual()} from a coroutine on
 * Weft's scheduler would inherit): a body that pins its carrier must not block a worker.
 */
@Timeout(30)
class BlockingThreadSchedulerTest {

    @Test
    void aBlockingTaskSpawnedByACoroutineIsNotCarriedByTheWorker() throws Exception {
        String worker = Thread.currentThread().getName(); // a current-thread runtime runs on the caller
        try (Runtime rt = Runtime.builder().currentThread().build()) {
            String seen = rt.blockOn(Async.async(() -> Weft.spawnBlocking(() -> {
                assertTrue(Thread.currentThread().isVirtual());
                return Thread.currentThread().toString(); // VirtualThread[#id,name]/runnable@carrier
            }).await()));
            assertTrue(seen.contains("weft-blocking-1"), seen);
            assertFalse(seen.endsWith("@" + worker), "carried by the runtime's thread: " + seen);
        }
    }
}
