package dev.weft.sync;

import dev.weft.future.Poll;
import dev.weft.testkit.LincheckScenarios;
import dev.weft.testkit.TestWaker;
import java.util.List;
import java.util.Optional;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link Broadcast} (capacity 2, so a receiver lags after three sends)
 * against {@link Spec}: {@code send} and closing the one sender from any thread; two receivers
 * "a" (the channel's first) and "b" (subscribed by an operation), each a nonparallel group that
 * receives ({@code recv}: a fresh future is polled; a pending one is kept, registered as a
 * waiter, and polled again by the next call), cancels a pending receive, and closes its
 * receiver. Results: the message, {@code lagged:n}, {@code end}, or {@code pending}. The
 * specification is the ring's sequence numbers and each receiver's position. Bounded model
 * checking, a few seconds.
 */
@Tag("lincheck")
public class BroadcastLincheckTest {
    static final int CAPACITY = 2;

    private final Broadcast.Channel<Integer> ch = Broadcast.channel(CAPACITY);
    private final TestWaker waker = new TestWaker();
    private final Side a = new Side(ch.receiver());
    private final Side b = new Side(null);

    /** One receiver and its pending receive; touched only by its group's thread. */
    private final class Side {
        Broadcast.Receiver<Integer> rx;
        Broadcast.Receiver<Integer>.RecvFuture pending;

        Side(Broadcast.Receiver<Integer> rx) {
            this.rx = rx;
        }

        String recv() {
            if (rx == null) {
                return "none";
            }
            Broadcast.Receiver<Integer>.RecvFuture f = pending != null ? pending : rx.recv();
            Poll<Optional<Integer>> p = f.poll(waker);
            if (p.isPending()) {
                pending = f;
                return "pending";
            }
            pending = null;
            return switch (p) {
                case Poll.Failed<Optional<Integer>> failed -> "lagged:" + ((LaggedException) failed.error()).skipped();
                case Poll.Ready<Optional<Integer>> r -> r.value().map(String::valueOf).orElse("end");
                case Poll.Pending<Optional<Integer>> x -> throw new AssertionError();
            };
        }

        boolean cancel() {
            if (pending == null) {
                return false;
            }
            pending.cancel();
            pending = null;
            return true;
        }

        void close() {
            if (rx != null) {
                rx.close();
            }
        }
    }

    @Operation
    public String send(@Param(gen = IntGen.class, conf = "1:9") int v) {
        try {
            return String.valueOf(ch.sender().send(v));
        } catch (IllegalStateException e) {
            return "refused";
        }
    }

    @Operation
    public void closeSender() {
        ch.sender().close();
    }

    @Operation(nonParallelGroup = "a")
    public String recvA() {
        return a.recv();
    }

    @Operation(nonParallelGroup = "a")
    public boolean cancelA() {
        return a.cancel();
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
    public String recvB() {
        return b.recv();
    }

    @Operation(nonParallelGroup = "b")
    public boolean cancelB() {
        return b.cancel();
    }

    @Operation(nonParallelGroup = "b")
    public void closeB() {
        b.close();
    }

    /** The sequential specification. */
    public static final class Spec {
        private final int[] ring = new int[CAPACITY];
        private long tail;
        private boolean senderClosed;
        /** Per receiver: subscribed, closed, next sequence number, pending receive. */
        private final boolean[] subscribed = {true, false};
        private final boolean[] closed = new boolean[2];
        private final long[] next = new long[2];
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
            int n = receivers();
            if (n > 0) {
                ring[(int) (tail % CAPACITY)] = v;
                tail++;
            }
            return String.valueOf(n);
        }

        public void closeSender() {
            senderClosed = true;
        }

        private String recv(int r) {
            if (!subscribed[r]) {
                return "none";
            }
            pending[r] = false;
            long oldest = Math.max(0, tail - CAPACITY);
            if (closed[r]) {
                return "end";
            }
            if (next[r] < oldest) {
                long skipped = oldest - next[r];
                next[r] = oldest;
                return "lagged:" + skipped;
            }
            if (next[r] < tail) {
                return String.valueOf(ring[(int) (next[r]++ % CAPACITY)]);
            }
            if (senderClosed) {
                return "end";
            }
            pending[r] = true;
            return "pending";
        }

        private boolean cancel(int r) {
            boolean had = pending[r];
            pending[r] = false;
            return had;
        }

        private void close(int r) {
            if (subscribed[r]) {
                closed[r] = true;
            }
        }

        public String recvA() {
            return recv(0);
        }

        public boolean cancelA() {
            return cancel(0);
        }

        public void closeA() {
            close(0);
        }

        public boolean subscribeB() {
            if (subscribed[1]) {
                return false;
            }
            subscribed[1] = true;
            next[1] = tail;
            return true;
        }

        public String recvB() {
            return recv(1);
        }

        public boolean cancelB() {
            return cancel(1);
        }

        public void closeB() {
            close(1);
        }
    }

    @Test
    void modelChecking() {
        LincheckScenarios.modelChecking()
                // a receiver three sends behind lags by one, then continues from the oldest kept
                .addCustomScenario(LincheckScenarios.scenario(getClass(), "send:1 send:2 send:3",
                        List.of("recvA recvA", "send:4"), "recvA recvA"))
                // a cancelled receive misses nothing
                .addCustomScenario(LincheckScenarios.scenario(getClass(), "recvA",
                        List.of("cancelA", "send:5"), "recvA"))
                // a second close of the sender returns only once the first took effect (it
                // returned at once, and a receive after it could still wait)
                .addCustomScenario(LincheckScenarios.scenario(getClass(), "subscribeB",
                        List.of("closeSender", "closeSender recvB"), ""))
                .sequentialSpecification(Spec.class)
                .check(getClass());
    }
}
