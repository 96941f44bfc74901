package dev.weft.sync;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link Oneshot} against {@link Spec}: send, closing either side,
 * tryRecv and isClosed from three threads. Bounded model checking, a few seconds.
 */
@Tag("lincheck")
public class OneshotLincheckTest {
    private final Oneshot.Channel<Integer> ch = Oneshot.channel();

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

    @Operation(nonParallelGroup = "receiver")
    public void closeReceiver() {
        ch.receiver().close();
    }

    @Operation(nonParallelGroup = "receiver")
    public int tryRecv() {
        return MpscLincheckTest.code(ch.receiver().tryRecv());
    }

    @Operation
    public boolean isClosed() {
        return ch.sender().isClosed();
    }

    /** The sequential specification. */
    public static class Spec {
        private boolean senderDone;
        private boolean receiverClosed;
        private Integer value;
        private boolean taken;

        public String send(int v) {
            if (senderDone) {
                return "refused";
            }
            senderDone = true;
            if (receiverClosed) {
                return "false";
            }
            value = v;
            return "true";
        }

        public void closeSender() {
            senderDone = true;
        }

        public void closeReceiver() {
            receiverClosed = true;
        }

        public int tryRecv() {
            if (value != null && !taken) {
                taken = true;
                return value;
            }
            return senderDone || receiverClosed || taken ? -2 : -1;
        }

        public boolean isClosed() {
            return receiverClosed;
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .sequentialSpecification(Spec.class)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(2)
                .iterations(6)
                .invocationsPerIteration(30)
                .check(getClass());
    }
}
