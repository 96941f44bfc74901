package dev.weft.compat;

import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;

/**
 * The Reactive Streams TCK's black-box rules against the subscriber behind
 * {@link Flows#fromPublisher}: the TCK subscribes it to its own publishers and watches what it
 * calls on the subscription. Nobody polls the stream here: the subscriber requests its buffer
 * at {@code onSubscribe} on its own.
 *
 * <p>Every required rule passes. The subscriber TCK has no optional rules; skipped, by the TCK
 * itself, are only its {@code untested_*} rules (2.2, 2.4, 2.6, 2.7, 2.8 black-box, 2.11, 2.12,
 * 2.13 "failing", 3.1, 3.8 black-box, 3.10, 3.11, 3.14, 3.15, 3.16), which it cannot check.
 */
public class SubscriberStreamBlackboxVerificationTest extends FlowSubscriberBlackboxVerification<Integer> {

    public SubscriberStreamBlackboxVerificationTest() {
        super(StreamPublisherVerificationTest.environment()); // its notes say why these timeouts
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        return new SubscriberStream<>(null, 4);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
