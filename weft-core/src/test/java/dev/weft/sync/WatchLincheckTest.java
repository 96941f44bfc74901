package dev.weft.sync;

import dev.weft.future.Poll;
import dev.weft.testkit.LincheckScenarios;
import dev.weft.testkit.TestWaker;
import java.util.List;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link Watch} against {@link Spec}: the one sender ({@code send},
 * {@code sendModify} adding 10, {@code borrow}, {@code close}; a nonparallel group, as the
 * sender is one handle) and two receivers "a" (the channel's first) and "b" (a
 * {@code subscribe} made by an operation), each a nonparallel group that borrows (marking seen,
 * or not), waits in {@code changed()} (a pending future is kept, registered as a waiter, and
 * polled again by the next call), cancels a pending {@code changed()}, and closes. The
 * specification is the value, its version, and each receiver's last seen version. Bounded model
 * checking, a few seconds.
 */
@Tag("lincheck")
public class WatchLincheckTest {
    private final Watch.Channel<Integer> ch = Watch.channel(0);
    private final TestWaker waker = new TestWaker();
    private final Side a = new Side(ch.receiver());
    private final Side b = new Side(null);

    /** One receiver and its pending {@code changed()}; touched only by its group's thread. */
    private final class Side {
        Watch.Receiver<Integer> rx;
        Watch.Receiver<Integer>.ChangedFuture pending;

        Side(Watch.Receiver<Integer> rx) {
            this.rx = rx;
        }

        /** @return "changed", "closed" (the sender closed), "pending", or "none" */
        String changed() {
            if (rx == null) {
                return "none";
            }
            Watch.Receiver<Integer>.ChangedFuture f = pending != null ? pending : rx.changed();
            Poll<Void> p = f.poll(waker);
            if (p.isPending()) {
                pending = f;
                return "pending";
            }
            pending = null;
            return p instanceof Poll.Failed<Void> ? "closed" : "changed";
        }

        boolean cancel() {
            if (pending == null) {
                return false;
            }
            pending.cancel();
            pending = null;
            return true;
        }

        int borrow(boolean update) {
            if (rx == null) {
                return -1;
            }
            return update ? rx.borrowAndUpdate() : rx.borrow();
        }

        void close() {
            if (rx != null) {
                rx.close();
            }
        }
    }

    @Operation(nonParallelGroup = "sender")
    public String send(@Param(gen = IntGen.class, conf = "1:9") int v) {
        try {
            return String.valueOf(ch.sender().send(v));
        } catch (IllegalStateException e) {
            return "refused";
        }
    }

    @Operation(nonParallelGroup = "sender")
    public String sendModify() {
        try {
            return String.valueOf(ch.sender().sendModify(x -> x + 10));
        } catch (IllegalStateException e) {
            return "refused";
        }
    }

    @Operation
    public int borrowSender() {
        return ch.sender().borrow();
    }

    @Operation(nonParallelGroup = "sender")
    public void closeSender() {
        ch.sender().close();
    }

    @Operation(nonParallelGroup = "a")
    public String changedA() {
        return a.changed();
    }

    @Operation(nonParallelGroup = "a")
    public boolean cancelA() {
        return a.cancel();
    }

    @Operation(nonParallelGroup = "a")
    public int borrowA(boolean update) {
        return a.borrow(update);
    }

    @Operation(nonParallelGroup = "a")
    public void closeA() {
        a.close();
    }

    /** @return whether b subscribed now (false if it already was) */
    @Operation(nonParallelGroup = "b")
    public boolean subscribeB() {
        if (b.rx != null) {
            return false;
        }
        b.rx = ch.sender().subscribe();
        return true;
    }

    @Operation(nonParallelGroup = "b")
    public String changedB() {
        return b.changed();
    }

    @Operation(nonParallelGroup = "b")
    public boolean cancelB() {
        return b.cancel();
    }

    @Operation(nonParallelGroup = "b")
    public int receiverCount() {
        return ch.sender().receiverCount();
    }

    /** The sequential specification. */
    public static final class Spec {
        private int value;
        private long version;
        private boolean senderClosed;
        private final boolean[] subscribed = {true, false};
        private final boolean[] closed = new boolean[2];
        private final long[] seen = new long[2];
        private final boolean[] pending = new boolean[2];

        private int receivers() {
            int n = 0;
            for (int r = 0; r < 2; r++) {
                n += subscribed[r] && !closed[r] ? 1 : 0;
            }
            return n;
        }

        public String send(int v) {
            if (senderClosed) {
                return "refused";
            }
            value = v;
            version++;
            return String.valueOf(receivers());
        }

        public String sendModify() {
            return send(value + 10);
        }

        public int borrowSender() {
            return value;
        }

        public void closeSender() {
            senderClosed = true;
        }

        private String changed(int r) {
            if (!subscribed[r]) {
                return "none";
            }
            pending[r] = false;
            if (version != seen[r]) {
                seen[r] = version;
                return "changed";
            }
            if (senderClosed) {
                return "closed";
            }
            pending[r] = true;
            return "pending";
        }

        private boolean cancel(int r) {
            boolean had = pending[r];
            pending[r] = false;
            return had;
        }

        public String changedA() {
            return changed(0);
        }

        public boolean cancelA() {
            return cancel(0);
        }

        public int borrowA(boolean update) {
            if (update) {
                seen[0] = version;
            }
            return value;
        }

        public void closeA() {
            closed[0] = true;
        }

        public boolean subscribeB() {
            if (subscribed[1]) {
                return false;
            }
            subscribed[1] = true;
            seen[1] = version;
            return true;
        }

        public String changedB() {
            return changed(1);
        }

        public boolean cancelB() {
            return cancel(1);
        }

        public int receiverCount() {
            return receivers();
        }
    }

    @Test
    void modelChecking() {
        LincheckScenarios.modelChecking()
                // changed() marks the version seen: a second one waits
                .addCustomScenario(LincheckScenarios.scenario(getClass(), "send:1",
                        List.of("changedA", "borrowSender"), "changedA"))
                // a cancelled changed() marks nothing: the next one sees the change
                .addCustomScenario(LincheckScenarios.scenario(getClass(), "changedA",
                        List.of("cancelA", "send:3"), "changedA borrowA:false"))
                .sequentialSpecification(Spec.class)
                .check(getClass());
    }
}
