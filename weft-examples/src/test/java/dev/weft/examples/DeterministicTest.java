package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.runtime.JoinHandle;
import dev.weft.sync.Mpsc;
import dev.weft.sync.Semaphore;
import dev.weft.test.Seeds;
import dev.weft.test.WeftTest;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The guide's examples of tests on the deterministic runtime (section 7). */
class DeterministicTest {

    // region seeded-test
    @WeftTest(deterministic = true, seeds = 500) // 500 interleavings; a failure names its seed
    void aTimedOutReceiveLosesNoMessage() throws Exception {
        Mpsc.Channel<String> ch = Mpsc.bounded(1);
        JoinHandle<Void> producer = Weft.spawn(() -> {
            ch.sender().send("job").await();
            ch.sender().close();
            return null;
        });
        Optional<String> got;
        try {
            got = Time.timeout(Duration.ZERO, ch.receiver().recv()).await(); // races the producer
        } catch (Elapsed e) {
            got = ch.receiver().recv().await();  // the receive was cancelled: the job must still be there
        }
        assertEquals(Optional.of("job"), got);
        producer.await();
    }
    // endregion

    @Test
    void permitsComeBackUnderEverySeed() {
        // region seeds
        Seeds.onRuntimes(200, 0L, (rt, seed) -> {   // a fresh deterministic runtime per seed
            Semaphore permits = new Semaphore(2);
            List<JoinHandle<Void>> workers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                workers.add(rt.spawn(() -> {
                    try (Semaphore.Permit p = permits.acquire().await()) {
                        Weft.yieldNow().await();       // the seed decides who runs meanwhile
                    }
                    return null;
                }));
            }
            rt.blockOn(Async.async(() -> {
                for (JoinHandle<Void> w : workers) {
                    w.await();
                }
                return null;
            }));
            assertEquals(2, permits.availablePermits());
        });
        // endregion
    }
}
