package dev.weft.compat;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.future.Waker;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link Flows#fromPublisher}'s subscriber ({@link SubscriberStream}, a
 * single-producer single-consumer ring of capacity 2) against {@link Spec}, a plain bounded
 * queue. The producer operations are the publisher's signals (serial, as rule 1.3 demands: one
 * non-parallel group), the consumer's are a poll and {@code cancel()} (the polling task: another
 * group). The subscription counts its requests and fails an operation if two calls on it
 * overlap (rule 2.7: the top-up requests of the consumer and the initial one must be serial).
 */
@Tag("lincheck")
public class SubscriberStreamLincheckTest {
    static final int CAPACITY = 2;
    static final int PENDING = -1;
    static final int END = -2;
    static final int FAILED = -3;
    static final int DONE = -4;

    /** A subscription that fails on overlapping calls. */
    static final class SerialSubscription implements Flow.Subscription {
        private final AtomicBoolean inCall = new AtomicBoolean();

        private void enter() {
            if (!inCall.compareAndSet(false, true)) {
                throw new AssertionError("two calls on the subscription at once (rule 2.7)");
            }
        }

        @Override
        public void request(long n) {
            enter();
            inCall.set(false);
        }

        @Override
        public void cancel() {
            enter();
            inCall.set(false);
        }
    }

    /** The stream under test, subscribed by hand. */
    public static class Subject {
        private final SubscriberStream<Integer> stream = new SubscriberStream<>(null, CAPACITY);
        private final Context cx = Context.of(Waker.noop());
        private boolean done; // the consumer saw the end, a failure, or cancelled (then it stops polling)

        public Subject() {
            stream.onSubscribe(new SerialSubscription());
        }

        @Operation(nonParallelGroup = "producer")
        public void onNext(@Param(gen = IntGen.class, conf = "1:9") int v) {
            stream.onNext(v);
        }

        @Operation(nonParallelGroup = "producer")
        public void onComplete() {
            stream.onComplete();
        }

        @Operation(nonParallelGroup = "producer")
        public void onError() {
            stream.onError(new RuntimeException("boom"));
        }

        @Operation(nonParallelGroup = "consumer")
        public int poll() {
            if (done) {
                return DONE;
            }
            Poll<Integer> p = stream.pollNext(cx);
            if (Stream.isEnd(p)) {
                done = true;
                return END;
            }
            return switch (p) {
                case Poll.Pending<Integer> pending -> PENDING;
                case Poll.Failed<Integer> f -> {
                    done = true;
                    yield FAILED;
                }
                case Poll.Ready<Integer> r -> r.value();
            };
        }

        @Operation(nonParallelGroup = "consumer")
        public void cancel() {
            if (!done) {
                done = true;
                stream.cancel();
            }
        }
    }

    /** The sequential specification: a bounded queue with a terminal signal and a cancel. */
    public static class Spec {
        private final ArrayDeque<Integer> q = new ArrayDeque<>();
        private int terminal; // 0 none, END or FAILED
        private boolean cancelled;
        private boolean done;

        public void onNext(int v) {
            if (cancelled || terminal != 0) {
                return;
            }
            if (q.size() >= CAPACITY) {
                terminal = FAILED; // more than requested: the stream fails (rule 1.1 broken)
                return;
            }
            q.add(v);
        }

        public void onComplete() {
            if (terminal == 0) {
                terminal = END;
            }
        }

        public void onError() {
            if (terminal == 0) {
                terminal = FAILED;
            }
        }

        public int poll() {
            if (done) {
                return DONE;
            }
            if (!q.isEmpty()) {
                return q.poll();
            }
            if (terminal != 0) {
                done = true;
                return terminal;
            }
            return PENDING;
        }

        public void cancel() {
            if (!done) {
                done = true;
                cancelled = true;
                q.clear();
            }
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .threads(2)
                .actorsPerThread(4)
                .actorsBefore(1)
                .actorsAfter(2)
                .iterations(10)
                .invocationsPerIteration(100)
                .sequentialSpecification(Spec.class)
                .check(Subject.class);
    }
}
