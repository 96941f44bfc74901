package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.blocking.BlockingSpawner;
import dev.weft.runtime.internal.RuntimeContext;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * blockInPlace on a worker thread of a scheduler that can spare it (what the multi-thread
 * scheduler will be): the hooks run around the body, and the paused clock is held meanwhile.
 */
class BlockInPlaceHookTest {

    /** A scheduler whose worker is the test thread; it records the hook calls. */
    static final class RecordingScheduler extends Scheduler {
        final List<String> log = new CopyOnWriteArrayList<>();
        volatile Thread worker;

        RecordingScheduler() {
            super(SchedulerConfig.of(null, null, (id, f) -> { }));
        }

        @Override
        void schedule(Runnable r) {
            r.run();
        }

        @Override
        public <T> Poll<T> blockOn(Future<T> future) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean shutdown(long timeoutNanos) {
            closeSpawning();
            return true;
        }

        @Override
        public boolean isWorkerThread() {
            return Thread.currentThread() == worker;
        }

        @Override
        public void beforeBlockInPlace() {
            log.add("before, in flight " + blockingInFlight());
        }

        @Override
        public void afterBlockInPlace() {
            log.add("after, in flight " + blockingInFlight());
        }

        @Override
        void onCoroutinesIdle() { // no coroutines here: blocking work reached zero
            log.add("idle");
        }
    }

    private final RecordingScheduler s = new RecordingScheduler();
    private final RuntimeContext prev = RuntimeContext.enter(s);

    @AfterEach
    void leave() {
        RuntimeContext.enter(prev);
    }

    @Test
    void onAWorkerTheHooksSurroundTheBodyWhichCountsAsBlockingWork() throws Exception {
        s.worker = Thread.currentThread();
        String r = BlockInPlace.run(() -> {
            s.log.add("body, in flight " + s.blockingInFlight());
            return "done";
        });
        assertEquals("done", r);
        assertEquals(List.of("before, in flight 0", "body, in flight 1", "after, in flight 1", "idle"), s.log);
        assertEquals(0, s.blockingInFlight());
    }

    @Test
    void theAfterHookAndTheCountRunWhenTheBodyThrows() {
        s.worker = Thread.currentThread();
        IOException boom = new IOException("boom");
        assertSame(boom, assertThrows(IOException.class, () -> BlockInPlace.run(() -> {
            throw boom;
        })));
        assertEquals(List.of("before, in flight 0", "after, in flight 1", "idle"), s.log);
        assertEquals(0, s.blockingInFlight());
    }

    @Test
    void offTheWorkerNoHookRunsButTheBodyStillCounts() throws Exception {
        s.worker = null;
        BlockInPlace.run(() -> s.log.add("body, in flight " + s.blockingInFlight()));
        assertEquals(List.of("body, in flight 1", "idle"), s.log);
    }

    @Test
    void aSpawnedBlockingTaskCountsUntilItEnded() throws Exception {
        assertEquals(0, s.blockingInFlight());
        int v = s.blocking().spawn(() -> 7).await();
        assertEquals(7, v);
        long deadline = System.nanoTime() + 10_000_000_000L;
        // The count drops, then the idle hook runs, on the blocking thread: wait for both.
        while ((s.blockingInFlight() != 0 || s.log.isEmpty()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, s.blockingInFlight());
        assertEquals("idle", s.log.get(s.log.size() - 1));
    }
}
