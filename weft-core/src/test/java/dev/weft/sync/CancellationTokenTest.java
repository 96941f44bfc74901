package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.TestWaker;
import org.junit.jupiter.api.Test;

class CancellationTokenTest {
    private final TestWaker w = new TestWaker();

    @Test
    void cancelWakesWaitersAndReachesDescendantsButNotParents() {
        CancellationToken root = new CancellationToken();
        CancellationToken child = root.child();
        CancellationToken grandchild = child.child();
        CancellationToken other = root.child();
        CancellationToken.Cancelled waiting = grandchild.cancelled();
        assertTrue(w.poll(waiting).isPending());
        child.cancel();
        assertTrue(child.isCancelled());
        assertTrue(grandchild.isCancelled());
        assertFalse(root.isCancelled());
        assertFalse(other.isCancelled());
        assertEquals(1, w.wakes());
        w.ready(waiting);
        root.cancel();
        root.cancel();
        assertTrue(other.isCancelled());
        assertTrue(root.child().isCancelled(), "a child of a cancelled token starts cancelled");
        w.ready(root.child().cancelled());
    }

    @Test
    void aCancelledWaitLeavesTheQueueAndTheNewestWakerIsWoken() {
        CancellationToken t = new CancellationToken();
        CancellationToken.Cancelled a = t.cancelled();
        CancellationToken.Cancelled b = t.cancelled();
        TestWaker old = new TestWaker();
        assertTrue(old.poll(a).isPending());
        assertTrue(w.poll(a).isPending());
        assertTrue(w.poll(b).isPending());
        b.cancel();
        t.cancel();
        assertEquals(0, old.wakes());
        assertEquals(1, w.wakes());
    }

    @Test
    void dropGuardCancelsUnlessDisarmed() {
        CancellationToken t = new CancellationToken();
        try (CancellationToken.DropGuard g = t.dropGuard()) {
            assertFalse(t.isCancelled());
        }
        assertTrue(t.isCancelled());
        CancellationToken u = new CancellationToken();
        CancellationToken.DropGuard g = u.dropGuard();
        assertEquals(u, g.disarm());
        g.close();
        assertFalse(u.isCancelled());
    }

    @Test
    void manyShortLivedChildrenDoNotPileUp() {
        CancellationToken root = new CancellationToken();
        for (int i = 0; i < 10_000; i++) {
            root.child().cancel(); // a cancelled child leaves its parent
        }
        CancellationToken kept = root.child();
        root.cancel();
        assertTrue(kept.isCancelled());
    }

    @Test
    void tasksStopOnBothFlavors() throws Exception {
        for (Runtime rt : new Runtime[] {TestWaker.currentThread(), TestWaker.multiThread()}) {
            try (rt) {
                CancellationToken stop = new CancellationToken();
                JoinHandle<String> h = rt.spawn(() -> {
                    stop.child().cancelled().await();
                    return "stopped";
                });
                rt.blockOn(dev.weft.Async.async(() -> {
                    dev.weft.Weft.yieldNow().await();
                    stop.cancel();
                    return null;
                }));
                assertEquals("stopped", rt.blockOn(h));
            }
        }
    }

    /**
     * A waiter on the parent is woken inside {@code cancel()}, after the parent is marked and
     * before the walk reaches the child: there, the child must already read as cancelled, or an
     * observer could see the parent cancelled and then the child active.
     */
    @Test
    void aChildReadsCancelledAsSoonAsItsParentDoes() {
        CancellationToken parent = new CancellationToken();
        CancellationToken child = parent.child();
        CancellationToken grandchild = child.child();
        boolean[] seen = new boolean[3];
        Probe probe = () -> {
            seen[0] = child.isCancelled() && grandchild.isCancelled();
            seen[1] = child.cancelled().poll(new TestWaker()).isReady();
            seen[2] = child.child().isCancelled();
        };
        assertTrue(parent.cancelled().poll(probe).isPending());
        parent.cancel();
        assertTrue(seen[0], "isCancelled");
        assertTrue(seen[1], "cancelled() ready");
        assertTrue(seen[2], "a new child starts cancelled");
    }

    /** A waker (its own context) that runs a check when woken. */
    @FunctionalInterface
    interface Probe extends dev.weft.future.Waker, dev.weft.future.Context {
        @Override
        default dev.weft.future.Waker waker() {
            return this;
        }
    }
}
