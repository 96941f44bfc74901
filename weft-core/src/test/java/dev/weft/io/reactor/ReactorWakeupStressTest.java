package dev.weft.io.reactor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Wake-ups are never lost: virtual threads (which wake the driver through its self-pipe) and
 * platform threads (which use Selector.wakeup) each queue a request and wake the driver, which
 * blocks in select with no timeout between its rounds. A lost wake-up leaves a request
 * unanswered for 5 s and fails the test.
 */
@Tag("stress")
class ReactorWakeupStressTest {

    @Test
    @Timeout(60)
    void everyWakeUpEndsABlockedSelect() throws Exception {
        Reactor io = Reactor.open();
        ConcurrentLinkedQueue<CountDownLatch> requests = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread driver = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                io.turn(-1);
                CountDownLatch l;
                while ((l = requests.poll()) != null) {
                    l.countDown();
                }
            }
        });
        List<Thread> wakers = new ArrayList<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < 16; t++) {
            boolean virtual = t != 0; // one platform waker; its Selector.wakeup() could mask a lost pipe wake-up
            Runnable body = () -> {
                for (int i = 0; i < (virtual ? 2_000 : 1) && failures.isEmpty(); i++) {
                    CountDownLatch answered = new CountDownLatch(1);
                    requests.add(answered);
                    io.wakeup();
                    try {
                        if (!answered.await(virtual ? 5 : 0, TimeUnit.SECONDS) && virtual) {
                            failures.add((virtual ? "virtual" : "platform") + " request " + i + " never answered");
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            };
            wakers.add(virtual ? Thread.ofVirtual().start(body) : Thread.ofPlatform().start(body));
        }
        for (Thread w : wakers) {
            w.join();
        }
        stop.set(true);
        io.wakeup();
        driver.join(5_000);
        io.close();
        assertTrue(failures.isEmpty(), failures.toString());
    }
}
