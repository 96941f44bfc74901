package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.future.Futures;
import dev.weft.time.Time;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A task cancelled by its runtime's shutdown says so; an aborted one says it was aborted. */
class ShutdownJoinErrorTest {

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void tasksCancelledByCloseReportTheShutdownAndAbortedOnesTheAbort(boolean multiThread) throws Exception {
        var b = Runtime.builder().enableTime();
        Runtime rt = (multiThread ? b.workerThreads(2) : b.currentThread()).build();
        JoinHandle<String> pollTask = rt.spawn(Futures.<String>pending());
        JoinHandle<Void> coroutine = rt.spawn(() -> {
            Time.sleep(Duration.ofHours(1)).await();
            return null;
        });
        JoinHandle<String> aborted = rt.spawn(Futures.<String>pending());
        rt.blockOn(Weft.yieldNow().then(v -> Weft.yieldNow())); // all three have been polled
        aborted.abort();
        rt.close();

        JoinError e1 = assertThrows(JoinError.class, pollTask::await);
        assertTrue(e1.isShutdown(), e1::getMessage);
        assertFalse(e1.isAborted());
        JoinError e2 = assertThrows(JoinError.class, coroutine::await);
        assertTrue(e2.isShutdown(), e2::getMessage);
        JoinError e3 = assertThrows(JoinError.class, aborted::await);
        assertTrue(e3.isAborted(), e3::getMessage);
        assertFalse(e3.isShutdown());
    }
}
