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
 * <p>Timeouts: 500 ms for an expected signal (a shared two-core CI machine must not flake), 50
 * ms to wait for the absence of one (keeps the run short), 300 ms before the GC check of 3.13.
 */
public class StreamPublisherVerificationTest extends FlowPublisherVerification<Long> {
    private Runtime runtime;

    public StreamPublisherVerificationTest() {
        super(new TestEnvironment(500, 50, 20), 300);
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
