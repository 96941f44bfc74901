package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.TestWaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class NotifyTest {
    private final TestWaker w = new TestWaker();

    @Test
    void notifyOneWithoutWaitersStoresOnePermit() {
        Notify n = new Notify();
        n.notifyOne();
        n.notifyOne();
        w.ready(n.notified());
        assertTrue(w.poll(n.notified()).isPending(), "several calls store one permit");
    }

    @Test
    void notifyOneWakesTheLongestWaiterOnly() {
        Notify n = new Notify();
        TestWaker wa = new TestWaker();
        TestWaker wb = new TestWaker();
        Notify.Notified a = n.notified();
        Notify.Notified b = n.notified();
        assertTrue(wa.poll(a).isPending());
        assertTrue(wb.poll(b).isPending());
        n.notifyOne();
        assertEquals(1, wa.wakes());
        assertEquals(0, wb.wakes());
        wa.ready(a);
        assertTrue(wb.poll(b).isPending());
    }

    @Test
    void notifyWaitersWakesAllAndStoresNothingButReachesCreatedFutures() {
        Notify n = new Notify();
        Notify.Notified a = n.notified();
        Notify.Notified b = n.notified();
        assertTrue(w.poll(a).isPending());
        Notify.Notified created = n.notified(); // created, never polled yet
        n.notifyWaiters();
        assertEquals(1, w.wakes());
        w.ready(a);
        w.ready(b);
        w.ready(created);
        assertTrue(w.poll(n.notified()).isPending(), "notifyWaiters stores no permit");
    }

    @Test
    void aCancelledWaiterThatWasNotifiedPassesItOn() {
        Notify n = new Notify();
        Notify.Notified a = n.notified();
        Notify.Notified b = n.notified();
        assertTrue(w.poll(a).isPending());
        assertTrue(w.poll(b).isPending());
        n.notifyOne();
        a.cancel();
        w.ready(b);
    }

    @Test
    void aCancelledNotifiedWaiterWithNobodyBehindStoresThePermit() {
        Notify n = new Notify();
        Notify.Notified a = n.notified();
        assertTrue(w.poll(a).isPending());
        n.notifyOne();
        a.cancel();
        w.ready(n.notified());
    }

    @Test
    void aCancelledQueuedWaiterIsSkipped() {
        Notify n = new Notify();
        Notify.Notified a = n.notified();
        Notify.Notified b = n.notified();
        assertTrue(w.poll(a).isPending());
        assertTrue(w.poll(b).isPending());
        a.cancel();
        n.notifyOne();
        w.ready(b);
    }

    @Test
    void theNewestWakerIsWoken() {
        Notify n = new Notify();
        TestWaker old = new TestWaker();
        Notify.Notified a = n.notified();
        assertTrue(old.poll(a).isPending());
        assertTrue(w.poll(a).isPending());
        n.notifyOne();
        assertEquals(0, old.wakes());
        assertEquals(1, w.wakes());
    }

    @Test
    void producerAndConsumerOnBothFlavors() throws Exception {
        try (Runtime rt = TestWaker.currentThread()) {
            assertEquals(List.of(0, 1, 2, 3, 4), pingPong(rt));
        }
        try (Runtime rt = TestWaker.multiThread()) {
            assertEquals(List.of(0, 1, 2, 3, 4), pingPong(rt));
        }
    }

    private static List<Integer> pingPong(Runtime rt) throws Exception {
        Notify toConsumer = new Notify();
        Notify toProducer = new Notify();
        List<Integer> got = new CopyOnWriteArrayList<>();
        int[] slot = new int[1];
        JoinHandle<Void> consumer = rt.spawn(() -> {
            for (int i = 0; i < 5; i++) {
                toConsumer.notified().await();
                got.add(slot[0]);
                toProducer.notifyOne();
            }
            return null;
        });
        rt.blockOn(Async.async(() -> {
            for (int i = 0; i < 5; i++) {
                slot[0] = i;
                toConsumer.notifyOne();
                toProducer.notified().await();
            }
            return null;
        }));
        rt.blockOn(consumer);
        return got;
    }

    @Test
    void aTimedOutWaiterDoesNotSwallowTheNotification() throws Exception {
        try (Runtime rt = TestWaker.currentThread()) {
            Notify n = new Notify();
            List<String> log = new ArrayList<>();
            rt.blockOn(Async.async(() -> {
                JoinHandle<Void> impatient = Weft.spawn(() -> {
                    try {
                        Weft.timeout(Duration.ofSeconds(1), n.notified()).await();
                        log.add("impatient notified");
                    } catch (dev.weft.time.Elapsed e) {
                        log.add("impatient gave up");
                    }
                    return null;
                });
                JoinHandle<Void> patient = Weft.spawn(() -> {
                    n.notified().await();
                    log.add("patient notified");
                    return null;
                });
                impatient.await();
                n.notifyOne();
                patient.await();
                return null;
            }));
            assertEquals(List.of("impatient gave up", "patient notified"), log);
        }
    }
}
