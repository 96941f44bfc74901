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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Wake-ups are never lost, on every driver: virtual and platform threads each queue a request
 * and wake the driver, which blocks with no timeout between its rounds (NIO: in select, woken
 * through its self-pipe by virtual threads and by Selector.wakeup by platform ones; epoll: in
 * epoll_wait, woken by an eventfd write, at most one unread, for both). A lost wake-up leaves a
 * request unanswered for 5 s and fails the test.
 */
@Tag("stress")
class ReactorWakeupStressTest {

    @ParameterizedTest
    @EnumSource(IoDriver.class)
    @Timeout(60)
    void everyWakeUpEndsABlockedWait(IoDriver kind) throws Exception {
        assumeTrue(kind.isAvailable(), () -> kind + ": " + kind.unavailableReason().orElseThrow());
        Reactor io = OpenDriver.open(kind);
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
            // NIO: one platform waker, once, since its Selector.wakeup() could mask a lost pipe
            // write; epoll: both kinds of thread take the same path, half and half
            boolean nio = kind == IoDriver.NIO;
            boolean virtual = nio ? t != 0 : t % 2 == 0;
            boolean checked = virtual || !nio;
            Runnable body = () -> {
                for (int i = 0; i < (checked ? 2_000 : 1) && failures.isEmpty(); i++) {
                    CountDownLatch answered = new CountDownLatch(1);
                    requests.add(answered);
                    io.wakeup();
                    try {
                        if (!answered.await(checked ? 5 : 0, TimeUnit.SECONDS) && checked) {
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
