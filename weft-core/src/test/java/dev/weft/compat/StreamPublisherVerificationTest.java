package dev.weft.compat;

import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.runtime.Runtime;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK (TestNG, run on the JUnit Platform) against the publisher side of
 * {@link Flows}: {@link Flows#publisher} over a counting stream, driven by a two-worker runtime,
 * and {@link Flows#toPublisher} over a failing stream for the "failed publisher" rules.
 *
 * <p>Every required rule passes, and so do the optional ones (1.4 and 1.5 signal a failure or
 * the end without demand, because the publisher polls one item ahead; 1.11, several
 * subscribers, because {@code Flows.publisher} gives each its own stream; 3.9's message names
 * the rule). Skipped, by the TCK itself, are only its {@code untested_*} rules, which it cannot
 * check (1.6, 1.7 after onError, 1.8, 1.9 "should not throw", 1.10, 3.4, 3.5) and which it
 * reports as skipped for every publisher.
 *
 * <p>Timeouts: those of {@link #environment()}, and {@value #GC_CHECK_MILLIS} ms before the GC
 * check of 3.13: the publisher drops its subscriber in a task of its runtime, and on a 2-core
 * machine busy with builds that task ran later than the TCK's default 300 ms (3.13 failed twice
 * in one day with 300).
 */
public class StreamPublisherVerificationTest extends FlowPublisherVerification<Long> {
    private Runtime runtime;

    static final long GC_CHECK_MILLIS = 2_000;

    public StreamPublisherVerificationTest() {
        super(environment(), GC_CHECK_MILLIS);
    }

    /**
     * The TCK's environment: up to 5 s for an expected signal (it returns as soon as the signal
     * comes, so a passing run is no slower; 500 ms was too little on a loaded two-core machine),
     * 50 ms to wait for the absence of one (keeps the run short), and a 500 ms "poll" timeout
     * that is really the wait for an expected onError: TCK 1.0.4's
     * {@code Receptacle.expectError} computes what is left of its timeout as
     * {@code -now - start} instead of {@code timeout - (now - start)}, so it gives up after one
     * poll, and with the usual 20 ms an error that came 20 ms late failed rule 3.9 under load.
     * The price: each expected onError is waited for a whole 500 ms (about 1 s for this class).
     */
    static TestEnvironment environment() {
        return new TestEnvironment(5_000, 50, 500);
    }

    @BeforeClass
    public void startRuntime() {
        runtime = Runtime.builder().multiThread().workerThreads(2).build();
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    /** 0, 1, ... {@code elements - 1}; {@code Long.MAX_VALUE} elements is infinite, as the TCK asks. */
    static Stream<Long> counting(long elements) {
        long[] next = {0};
        return Stream.pollFn(cx -> elements == Long.MAX_VALUE || next[0] < elements
                ? Poll.ready(next[0]++) : Stream.end());
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return Flows.publisher(() -> counting(elements), runtime.handle());
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return Flows.toPublisher(Stream.<Long>pollFn(cx -> Poll.failed(new IllegalStateException("the stream failed"))),
                runtime.handle());
    }
}
