package dev.weft.compat;

import static dev.weft.compat.ToPublisherTest.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.future.Waker;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Flows#fromPublisher}: a {@link Flow.Publisher} as a Weft stream. No runtime anywhere:
 * the stream is polled by hand with counting wakers, or by {@link Futures#blockOn}.
 */
class FromPublisherTest {

    /** A waker that counts its wake-ups, and is its own context. */
    static final class Wakes implements Waker, Context {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void wake() {
            count.incrementAndGet();
        }

        @Override
        public Waker waker() {
            return this;
        }
    }

    private final Wakes cx = new Wakes();
    private final TestPublisher<String> pub = new TestPublisher<>();

    @Test
    void itSubscribesAtTheFirstPollAndNotBefore() {
        Stream<String> s = Flows.fromPublisher(pub, 4);
        assertEquals(0, pub.subscribes(), "lazy");
        assertTrue(s.pollNext(cx).isPending());
        assertEquals(1, pub.subscribes());
        assertEquals(List.of(4L), pub.requests(), "the whole buffer at onSubscribe");
        assertTrue(s.pollNext(cx).isPending());
        assertEquals(1, pub.subscribes());
    }

    @Test
    void droppedBeforeTheFirstPollItNeverSubscribes() {
        Flows.fromPublisher(pub).cancel();
        assertEquals(0, pub.subscribes());
    }

    @Test
    void itemsThenTheEnd() {
        Stream<String> s = Flows.fromPublisher(pub, 4);
        assertTrue(s.pollNext(cx).isPending());
        pub.next("a", "b");
        pub.complete();
        assertEquals(Poll.ready("a"), s.pollNext(cx));
        assertEquals(Poll.ready("b"), s.pollNext(cx));
        assertTrue(Stream.isEnd(s.pollNext(cx)));
        assertThrows(IllegalStateException.class, () -> s.pollNext(cx));
    }

    @Test
    void itemsThenTheFailureAsItIs() {
        IOException boom = new IOException("boom");
        Stream<String> s = Flows.fromPublisher(pub, 4);
        assertTrue(s.pollNext(cx).isPending());
        pub.next("a");
        pub.error(boom);
        assertEquals(Poll.ready("a"), s.pollNext(cx));
        assertSame(boom, assertInstanceOf(Poll.Failed.class, s.pollNext(cx)).error());
    }

    @Test
    void demandIsToppedUpInBatchesOfThreeQuartersOfTheBuffer() {
        Stream<String> s = Flows.fromPublisher(pub, 4);
        s.pollNext(cx);
        pub.next("1", "2", "3", "4");
        s.pollNext(cx);
        s.pollNext(cx);
        assertEquals(List.of(4L), pub.requests());
        s.pollNext(cx); // the third item taken
        assertEquals(List.of(4L, 3L), pub.requests());
        s.pollNext(cx);
        assertEquals(List.of(4L, 3L), pub.requests());
        pub.next("5", "6", "7");
        assertEquals(Poll.ready("5"), s.pollNext(cx));
        assertEquals(Poll.ready("6"), s.pollNext(cx));
        assertEquals(List.of(4L, 3L, 3L), pub.requests());
    }

    @Test
    void aBufferOfOneRequestsOneAtATime() {
        Stream<String> s = Flows.fromPublisher(pub, 1);
        s.pollNext(cx);
        for (int i = 0; i < 5; i++) {
            pub.next("x" + i);
            assertEquals(Poll.ready("x" + i), s.pollNext(cx));
        }
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L), pub.requests());
    }

    @Test
    void aSlowConsumerBoundsTheBufferAndTheDemand() {
        // a publisher that sends at once, inside request(), everything it is asked for
        AtomicInteger sent = new AtomicInteger();
        int[] taken = {0};
        Flow.Publisher<Integer> eager = sub -> sub.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                for (long i = 0; i < n; i++) {
                    sub.onNext(sent.getAndIncrement());
                }
            }

            @Override
            public void cancel() {
            }
        });
        Stream<Integer> s = Flows.fromPublisher(eager, 8);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(Poll.ready(i), s.pollNext(cx));
            taken[0]++;
            int buffered = sent.get() - taken[0];
            assertTrue(buffered <= 8, "buffered " + buffered + " items after taking " + taken[0]);
        }
    }

    @Test
    void aPendingPollIsWokenWithTheNewestWakerFromAnotherThread() throws Exception {
        Stream<String> s = Flows.fromPublisher(pub, 4);
        Wakes first = new Wakes();
        Wakes second = new Wakes();
        assertTrue(s.pollNext(first).isPending());
        assertTrue(s.pollNext(second).isPending());
        Thread t = Thread.ofPlatform().start(() -> pub.next("from far away"));
        t.join();
        assertEquals(0, first.count.get());
        assertEquals(1, second.count.get());
        assertEquals(Poll.ready("from far away"), s.pollNext(second));
        Thread end = Thread.ofPlatform().start(pub::complete);
        end.join();
        assertEquals(1, second.count.get(), "not pending at the time: nobody to wake");
        assertTrue(Stream.isEnd(s.pollNext(second)));
    }

    @Test
    void droppingTheStreamCancelsTheSubscriptionAndLaterItemsAreDropped() {
        Stream<String> s = Flows.fromPublisher(pub, 4);
        s.pollNext(cx);
        pub.next("a", "b");
        int wakes = cx.count.get();
        s.cancel();
        assertEquals(1, pub.cancels());
        pub.next("c"); // rule 2.8: may still come; must not throw
        pub.complete();
        assertEquals(wakes, cx.count.get(), "a dropped stream wakes nobody");
    }

    @Test
    void droppedBeforeOnSubscribeArrivedTheSubscriptionIsCancelledWhenItDoes() {
        TestPublisher<String> late = new TestPublisher<>(true);
        Stream<String> s = Flows.fromPublisher(late, 4);
        assertTrue(s.pollNext(cx).isPending());
        s.cancel();
        late.sendOnSubscribe();
        assertEquals(1, late.cancels());
        assertEquals(List.of(), late.requests(), "nothing requested for a dropped stream");
    }

    @Test
    void aSecondSubscriptionIsCancelled() {
        Stream<String> s = Flows.fromPublisher(pub, 4);
        s.pollNext(cx);
        TestPublisher<String> other = new TestPublisher<>();
        ((Flow.Subscriber<?>) pub.subscriber()).onSubscribe(other.subscription);
        assertEquals(1, other.cancels());
        assertEquals(List.of(), other.requests());
        assertEquals(0, pub.cancels());
    }

    @Test
    void nullSignalsThrowNullPointerException() {
        Stream<String> s = Flows.fromPublisher(pub, 4);
        s.pollNext(cx);
        Flow.Subscriber<? super String> sub = pub.subscriber();
        assertThrows(NullPointerException.class, () -> sub.onNext(null));
        assertThrows(NullPointerException.class, () -> sub.onError(null));
        assertThrows(NullPointerException.class, () -> sub.onSubscribe(null));
    }

    @Test
    void aPublisherSendingMoreThanRequestedFailsTheStreamAfterTheBufferedItems() {
        Stream<String> s = Flows.fromPublisher(pub, 2);
        s.pollNext(cx);
        pub.next("a", "b", "c");
        assertEquals(1, pub.cancels());
        assertEquals(Poll.ready("a"), s.pollNext(cx));
        assertEquals(Poll.ready("b"), s.pollNext(cx));
        IllegalStateException e = assertInstanceOf(IllegalStateException.class,
                assertInstanceOf(Poll.Failed.class, s.pollNext(cx)).error());
        assertTrue(e.getMessage().contains("1.1"), e.getMessage());
    }

    @Test
    void aRequestThatThrowsFailsTheStream() {
        IllegalStateException boom = new IllegalStateException("request broke");
        pub.throwOnRequest = boom;
        Stream<String> s = Flows.fromPublisher(pub, 4);
        assertSame(boom, assertInstanceOf(Poll.Failed.class, s.pollNext(cx)).error());
    }

    @Test
    void badArgumentsAreRejectedByName() {
        assertRejects("publisher", () -> Flows.fromPublisher(null));
        assertRejects("bufferSize", () -> Flows.fromPublisher(pub, 0));
        assertRejects("bufferSize", () -> Flows.fromPublisher(pub, Flows.MAX_BUFFER_SIZE + 1));
    }

    @Test
    @Timeout(30)
    void aJdkPublisherOnItsOwnThreadsFeedsAStreamCollectedByAPlainThread() throws Exception {
        try (SubmissionPublisher<Integer> source = new SubmissionPublisher<>()) {
            Stream<Integer> s = Flows.fromPublisher(source, 8);
            Thread producer = Thread.ofPlatform().start(() -> {
                while (source.getNumberOfSubscribers() == 0) {
                    Thread.onSpinWait(); // until the stream's first poll subscribed it
                }
                for (int i = 0; i < 5_000; i++) {
                    source.submit(i); // blocks while the stream's buffer is full
                }
                source.close();
            });
            List<Integer> all = Futures.blockOn(s.collect());
            producer.join();
            assertEquals(IntStream.range(0, 5_000).boxed().toList(), all);
        }
    }
}
