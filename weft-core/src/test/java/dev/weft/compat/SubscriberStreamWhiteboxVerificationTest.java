package dev.weft.compat;

import dev.weft.future.Either;
import dev.weft.future.Futures;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;
import org.reactivestreams.tck.flow.FlowSubscriberWhiteboxVerification;

/**
 * The Reactive Streams TCK's white-box rules against the subscriber behind
 * {@link Flows#fromPublisher}, with a buffer of one item, so every item taken is a top-up
 * request. The TCK's puppet "requests" by making a consumer take items from the stream (the
 * stream requests on its own as items are taken) and "cancels" by dropping the stream; the
 * consumer is one thread that polls the stream with {@link Futures#blockOn}, as an owner does.
 *
 * <p>Every required rule passes. The subscriber TCK has no optional rules; skipped, by the TCK
 * itself, are only its {@code untested_*} rules (2.2, 2.4, 2.6, 2.7, 2.11, 2.12, 2.13
 * "failing", 3.1, 3.10, 3.11, 3.14, 3.15, 3.16), which it cannot check.
 */
public class SubscriberStreamWhiteboxVerificationTest extends FlowSubscriberWhiteboxVerification<Integer> {
    public SubscriberStreamWhiteboxVerificationTest() {
        super(StreamPublisherVerificationTest.environment()); // its notes say why these timeouts
    }

    @Override
    protected Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        SubscriberStream<Integer> stream = new SubscriberStream<>(null, 1);
        Consumer consumer = new Consumer(stream);
        return new Flow.Subscriber<>() {
            private boolean registered;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                stream.onSubscribe(s);
                if (!registered) { // a second onSubscribe must only be cancelled (rule 2.5)
                    registered = true;
                    probe.registerOnSubscribe(consumer);
                }
            }

            @Override
            public void onNext(Integer item) {
                stream.onNext(item);
                probe.registerOnNext(item);
            }

            @Override
            public void onError(Throwable error) {
                stream.onError(error);
                probe.registerOnError(error);
            }

            @Override
            public void onComplete() {
                stream.onComplete();
                probe.registerOnComplete();
            }
        };
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }

    /** The owner of the stream: takes items and drops the stream, on one thread, in order. */
    private final class Consumer implements SubscriberPuppet {
        private final SubscriberStream<Integer> stream;
        // a daemon: a test that ends while the consumer waits for an item leaves nothing behind
        private final ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().factory());
        private final CompletableFuture<Void> cancelled = new CompletableFuture<>();
        private boolean finished; // touched by the consumer thread only

        Consumer(SubscriberStream<Integer> stream) {
            this.stream = stream;
        }

        @Override
        public void triggerRequest(long elements) {
            if (cancelled.isDone()) {
                return; // requests after cancel are no-ops (rule 3.6)
            }
            thread.execute(() -> {
                for (long i = 0; i < elements && !finished && !cancelled.isDone(); i++) {
                    take();
                }
            });
        }

        /** Takes one item, unless the stream ends or fails (finished) or cancel is signalled first. */
        private void take() {
            try {
                // a copy, so the select cancelling its losing branch does not cancel the signal
                Either<Optional<Integer>, Void> e = Futures.blockOn(
                        Futures.either(stream.next(), Futures.from(cancelled.copy())));
                if (e instanceof Either.Left<Optional<Integer>, Void> l && l.value().isEmpty()) {
                    finished = true; // the end
                }
            } catch (Exception ex) {
                finished = true; // the stream failed: it is finished
            }
        }

        @Override
        public void signalCancel() {
            cancelled.complete(null); // ends a take() that waits for an item
            thread.execute(() -> {
                if (!finished) {
                    finished = true;
                    stream.cancel();
                }
            });
            thread.shutdown(); // after the cancel ran, the thread ends
        }
    }
}
