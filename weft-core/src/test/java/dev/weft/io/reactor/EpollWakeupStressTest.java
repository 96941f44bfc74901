package dev.weft.io.reactor;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.runtime.IoDriver;
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
 * {@link ReactorWakeupStressTest} on the epoll driver: virtual and platform threads queue a
 * request and wake the driver (an eventfd write, at most one unread), which blocks in
 * epoll_wait with no timeout between its rounds. A lost wake-up leaves a request unanswered for
 * 5 s and fails the test.
 */
@Tag("stress")
class EpollWakeupStressTest {

    @Test
    @Timeout(60)
    void everyWakeUpEndsABlockedEpollWait() throws Exception {
        assumeTrue(IoDriver.EPOLL.isAvailable(), () -> IoDriver.EPOLL.unavailableReason().orElseThrow());
        Reactor io = Reactor.open(IoDriver.EPOLL, null);
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
            boolean virtual = t % 2 == 0; // both kinds of thread take the same path here
            Runnable body = () -> {
                for (int i = 0; i < 2_000 && failures.isEmpty(); i++) {
                    CountDownLatch answered = new CountDownLatch(1);
                    requests.add(answered);
                    io.wakeup();
                    try {
                        if (!answered.await(5, TimeUnit.SECONDS)) {
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
