package dev.weft.sync;

import dev.weft.testkit.LincheckScenarios;
import java.util.ArrayDeque;
import java.util.List;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link Mpsc} (bounded at 2 in its array ring and in linked segments, and
 * unbounded) against {@link Spec}, a plain bounded deque, through the try-style operations:
 * trySend, tryRecv (one consumer at a time), and closing either side. The channels start their
 * message index three below its wrap, and the linked ones use segments of two slots, so short
 * scenarios cross both. Bounded model checking, a few seconds each.
 */
@Tag("lincheck")
public class MpscLincheckTest {
    static final int CAPACITY = 2;
    static final long NEAR_WRAP = MpscSlots.INDEX_MASK - 2;

    /** The bounded channel under test (array ring). */
    public static class Bounded {
        final Mpsc.Channel<Integer> ch = make();

        Mpsc.Channel<Integer> make() {
            return Mpsc.of(new MpscChannel<>(CAPACITY, new MpscSlots.Ring(CAPACITY), NEAR_WRAP));
        }

        @Operation
        public TrySend trySend(@Param(gen = IntGen.class, conf = "1:9") int v) {
            return ch.sender().trySend(v);
        }

        @Operation(nonParallelGroup = "consumer")
        public int tryRecv() {
            return code(ch.receiver().tryRecv());
        }

        @Operation(nonParallelGroup = "consumer")
        public void closeReceiver() {
            ch.receiver().close();
        }

        @Operation
        public void closeSender() {
            ch.sender().close();
        }

        @Operation
        public boolean isClosed() {
            return ch.sender().isClosed();
        }
    }

    /** The bounded channel in linked segments (as one of more than 4096 slots). */
    public static class BoundedLinked extends Bounded {
        @Override
        Mpsc.Channel<Integer> make() {
            return Mpsc.of(new MpscChannel<>(CAPACITY, new MpscSlots.Linked(2, NEAR_WRAP), NEAR_WRAP));
        }
    }

    /** The unbounded channel under test. */
    public static class Unbounded extends Bounded {
        @Override
        Mpsc.Channel<Integer> make() {
            return Mpsc.of(new MpscChannel<>(Integer.MAX_VALUE, new MpscSlots.Linked(2, NEAR_WRAP), NEAR_WRAP));
        }
    }

    static int code(TryRecv<Integer> r) {
        return switch (r) {
            case TryRecv.Received<Integer>(Integer v) -> v;
            case TryRecv.Empty<Integer> e -> -1;
            case TryRecv.Closed<Integer> c -> -2;
        };
    }

    /** The sequential specification. */
    public static class Spec {
        private final ArrayDeque<Integer> q = new ArrayDeque<>();
        private final int capacity;
        private boolean rxClosed;
        private boolean txClosed;

        public Spec() {
            this(CAPACITY);
        }

        Spec(int capacity) {
            this.capacity = capacity;
        }

        public TrySend trySend(int v) {
            if (rxClosed || txClosed) {
                return TrySend.CLOSED;
            }
            if (q.size() >= capacity) {
                return TrySend.FULL;
            }
            q.add(v);
            return TrySend.SENT;
        }

        public int tryRecv() {
            if (!q.isEmpty()) {
                return q.poll();
            }
            return rxClosed || txClosed ? -2 : -1;
        }

        public void closeReceiver() {
            rxClosed = true;
        }

        public void closeSender() {
            txClosed = true;
        }

        public boolean isClosed() {
            return rxClosed;
        }
    }

    /** The unbounded specification. */
    public static class UnboundedSpec extends Spec {
        public UnboundedSpec() {
            super(Integer.MAX_VALUE);
        }
    }

    /**
     * A send that has claimed its slot but not stored its message yet, while a later send
     * completes: the receiver must not report "empty" (it waits for the store), or the later
     * message would seem to have overtaken nothing.
     */
    private static ModelCheckingOptions options(Class<?> test) {
        return new ModelCheckingOptions()
                .addCustomScenario(LincheckScenarios.scenario(test, "",
                        List.of("trySend:1", "trySend:2", "tryRecv tryRecv"), "tryRecv"))
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .iterations(6)
                .invocationsPerIteration(30);
    }

    @Test
    void bounded() {
        options(Bounded.class).sequentialSpecification(Spec.class).check(Bounded.class);
    }

    @Test
    void boundedLinked() {
        options(BoundedLinked.class).sequentialSpecification(Spec.class).check(BoundedLinked.class);
    }

    @Test
    void unbounded() {
        options(Unbounded.class).sequentialSpecification(UnboundedSpec.class).check(Unbounded.class);
    }
}
