package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.TestWaker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RwLockTest {
    private final TestWaker w = new TestWaker();

    @Test
    void manyReadersOrOneWriter() {
        RwLock<Integer> l = new RwLock<>(1);
        RwLock.ReadGuard<Integer> r1 = w.ready(l.read());
        RwLock.ReadGuard<Integer> r2 = l.tryRead().orElseThrow();
        assertEquals(1, r1.get());
        assertEquals(1, r2.get());
        assertTrue(l.tryWrite().isEmpty());
        r1.close();
        r1.close(); // once only
        assertTrue(l.tryWrite().isEmpty(), "r2 still reads");
        r2.close();
        assertThrows(IllegalStateException.class, r1::get);
        RwLock.WriteGuard<Integer> g = l.tryWrite().orElseThrow();
        assertTrue(l.tryRead().isEmpty());
        assertTrue(l.tryWrite().isEmpty());
        g.set(2);
        g.close();
        g.close();
        assertThrows(IllegalStateException.class, () -> g.set(3));
        try (RwLock.ReadGuard<Integer> r = l.tryRead().orElseThrow()) {
            assertEquals(2, r.get());
        }
        assertEquals("RwLock[unlocked]", l.toString());
    }

    @Test
    void aStreamOfReadersDoesNotStarveAWaitingWriter() {
        RwLock<String> l = new RwLock<>("");
        RwLock.ReadGuard<String> first = w.ready(l.read());
        RwLock.Write<String> writer = l.write();
        assertTrue(w.poll(writer).isPending());
        // Readers keep coming while the first one still reads: they queue behind the writer.
        List<RwLock.Read<String>> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RwLock.Read<String> r = l.read();
            assertTrue(w.poll(r).isPending(), "reader " + i + " overtook the writer");
            later.add(r);
        }
        assertTrue(l.tryRead().isEmpty(), "tryRead does not overtake the writer");
        first.close();
        RwLock.WriteGuard<String> g = w.ready(writer);
        g.set("written");
        for (RwLock.Read<String> r : later) {
            assertTrue(w.poll(r).isPending());
        }
        g.close();
        for (RwLock.Read<String> r : later) {
            assertEquals("written", w.ready(r).get()); // all of them at once
        }
    }

    @Test
    void cancellingAWaitingWriterLetsTheQueuedReadersIn() {
        RwLock<String> l = new RwLock<>("");
        RwLock.ReadGuard<String> first = w.ready(l.read());
        RwLock.Write<String> writer = l.write();
        assertTrue(w.poll(writer).isPending());
        RwLock.Read<String> a = l.read();
        RwLock.Read<String> b = l.read();
        assertTrue(w.poll(a).isPending());
        assertTrue(w.poll(b).isPending());
        int before = w.wakes();
        writer.cancel();
        assertTrue(w.wakes() >= before + 2, "the queued readers are woken");
        RwLock.ReadGuard<String> ga = w.ready(a);
        RwLock.ReadGuard<String> gb = w.ready(b);
        first.close();
        ga.close();
        gb.close();
        l.tryWrite().orElseThrow().close(); // every permit is back
    }

    @Test
    void cancellingAWriterThatWasHandedTheLockPassesItOn() {
        RwLock<String> l = new RwLock<>("", 3);
        RwLock.WriteGuard<String> held = w.ready(l.write());
        RwLock.Write<String> writer = l.write();
        RwLock.Read<String> reader = l.read();
        assertTrue(w.poll(writer).isPending());
        assertTrue(w.poll(reader).isPending());
        held.close();
        writer.cancel(); // it had been assigned the lock, not yet polled
        w.ready(reader).close();
        l.tryWrite().orElseThrow().close();
    }

    @Test
    void maxReadsBoundsTheReaders() {
        RwLock<String> l = new RwLock<>("", 2);
        RwLock.ReadGuard<String> a = l.tryRead().orElseThrow();
        RwLock.ReadGuard<String> b = l.tryRead().orElseThrow();
        RwLock.Read<String> c = l.read();
        assertTrue(w.poll(c).isPending());
        a.close();
        w.ready(c).close();
        b.close();
        assertThrows(IllegalArgumentException.class, () -> new RwLock<>("", 0));
    }

    @Test
    void blockingWriteFromAPlainThread() throws Exception {
        RwLock<Integer> l = new RwLock<>(0);
        RwLock.ReadGuard<Integer> r = l.tryRead().orElseThrow();
        Thread t = Thread.ofPlatform().start(() -> {
            try (RwLock.WriteGuard<Integer> g = l.blockingWrite()) {
                g.set(g.get() + 1);
            }
        });
        r.close();
        t.join();
        assertEquals(1, l.blockingRead().get());
    }

    @Test
    void writersCountCorrectlyBesideReadersOnBothFlavors() throws Exception {
        try (Runtime rt = TestWaker.currentThread()) {
            assertEquals(200, contend(rt));
        }
        try (Runtime rt = TestWaker.multiThread()) {
            assertEquals(200, contend(rt));
        }
    }

    /** 4 writers add 1 fifty times, yielding under the lock; 4 readers check they never see a torn pair. */
    private static int contend(Runtime rt) throws Exception {
        RwLock<int[]> l = new RwLock<>(new int[2]);
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            hs.add(rt.spawn(() -> {
                for (int k = 0; k < 50; k++) {
                    try (RwLock.WriteGuard<int[]> g = l.write().await()) {
                        g.get()[0]++;
                        Weft.yieldNow().await();
                        g.get()[1]++;
                    }
                }
                return null;
            }));
            hs.add(rt.spawn(() -> {
                for (int k = 0; k < 50; k++) {
                    try (RwLock.ReadGuard<int[]> g = l.read().await()) {
                        int a = g.get()[0];
                        Weft.yieldNow().await();
                        if (a != g.get()[1]) {
                            throw new AssertionError("a reader saw a write in progress");
                        }
                    }
                }
                return null;
            }));
        }
        for (JoinHandle<Void> h : hs) {
            rt.blockOn(h);
        }
        assertFalse(l.toString().contains("held"));
        return rt.blockOn(Async.async(() -> l.read().await().get()[1]));
    }
}
