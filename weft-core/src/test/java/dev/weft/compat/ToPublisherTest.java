package dev.weft.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.CancelledException;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.runtime.Runtime;
import dev.weft.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Flows#toPublisher} and {@link Flows#publisher}: a Weft stream offered as a
 * {@link Flow.Publisher}. Most cases run on a current-thread runtime with a paused clock:
 * {@link #settle} drives it until every task is idle, so "nothing more happens" is exact.
 */
class ToPublisherTest {

    static Runtime paused() {
        return Runtime.builder().currentThread().enableTime().startPaused(true).build();
    }

    /** Drives the runtime until every task is idle (a paused clock only moves then). */
    static void settle(Runtime rt) throws Exception {
        rt.blockOn(Futures.lazy(() -> Time.sleep(Duration.ofMillis(1))));
    }

    @Test
    void itemsThenOnCompleteAllFromTheTask() throws Exception {
        try (Runtime rt = paused()) {
            RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(Long.MAX_VALUE);
            Flows.toPublisher(Stream.of(1, 2, 3), rt.handle()).subscribe(sub);
            assertNull(sub.subscription(), "onSubscribe comes from the task, not from subscribe()");
            rt.blockOn(Futures.from(sub.done));
            assertEquals(List.of(1, 2, 3), sub.items());
            assertTrue(sub.completed());
            sub.assertNoBreach();
        }
    }

    @Test
    void neverDeliversMoreThanRequestedAndPollsOneItemAhead() throws Exception {
        try (Runtime rt = paused()) {
            CountingStream stream = new CountingStream(Long.MAX_VALUE);
            RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(2);
            Flows.toPublisher(stream, rt.handle()).subscribe(sub);
            settle(rt);
            assertEquals(List.of(0, 1), sub.items());
            assertEquals(3, stream.taken(), "one item ahead of demand, no more");
            sub.request(3);
            settle(rt);
            assertEquals(List.of(0, 1, 2, 3, 4), sub.items());
            assertEquals(6, stream.taken());
            sub.assertNoBreach();
        }
    }

    @Test
    void theEndAndAFailureNeedNoDemand() throws Exception {
        IOException boom = new IOException("boom");
        try (Runtime rt = paused()) {
            RecordingSubscriber<Integer> ended = new RecordingSubscriber<>(2);
            Flows.toPublisher(Stream.of(1, 2), rt.handle()).subscribe(ended);
            RecordingSubscriber<Integer> empty = new RecordingSubscriber<>(0);
            Flows.toPublisher(Stream.<Integer>empty(), rt.handle()).subscribe(empty);
            RecordingSubscriber<Integer> failed = new RecordingSubscriber<>(0);
            Flows.toPublisher(Stream.<Integer>pollFn(cx -> Poll.failed(boom)), rt.handle()).subscribe(failed);
            settle(rt);
            assertTrue(ended.completed(), "demand 2 is used up, yet the end is signalled");
            assertTrue(empty.completed());
            assertSame(boom, failed.error());
            for (RecordingSubscriber<Integer> s : List.of(ended, empty, failed)) {
                s.assertNoBreach();
            }
        }
    }

    @Test
    void aRequestFromOnNextDoesNotRecurse() throws Exception {
        try (Runtime rt = paused()) {
            RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(1);
            AtomicInteger depth = new AtomicInteger();
            AtomicInteger deepest = new AtomicInteger();
            sub.onNextHook = (s, item) -> {
                deepest.accumulateAndGet(depth.incrementAndGet(), Math::max);
                sub.request(1); // rule 3.3: must not call onNext again from in here
                depth.decrementAndGet();
            };
            Flows.toPublisher(new CountingStream(10_000), rt.handle()).subscribe(sub);
            rt.blockOn(Futures.from(sub.done));
            assertEquals(10_000, sub.items().size());
            assertEquals(1, deepest.get());
            sub.assertNoBreach();
        }
    }

    @Test
    void requestOfZeroOrLessSignalsIllegalArgumentExceptionAndCancelsTheStream() throws Exception {
        for (long n : new long[] {0, -1, Long.MIN_VALUE}) {
            try (Runtime rt = paused()) {
                CountingStream stream = new CountingStream(Long.MAX_VALUE);
                RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(1);
                Flows.toPublisher(stream, rt.handle()).subscribe(sub);
                settle(rt);
                sub.request(n);
                settle(rt);
                IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, sub.error());
                assertTrue(e.getMessage().contains("3.9") && e.getMessage().contains(Long.toString(n)), e.getMessage());
                assertEquals(1, stream.cancels());
                assertEquals(List.of(0), sub.items());
                assertEquals(List.of(), stream.misuse());
                sub.assertNoBreach();
            }
        }
    }

    @Test
    void cancelFromAnotherThreadCancelsTheStreamOnTheRuntimeOnceAndStopsTheSignals() throws Exception {
        try (Runtime rt = paused()) {
            CountingStream stream = new CountingStream(Long.MAX_VALUE);
            RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(1);
            Flows.toPublisher(stream, rt.handle()).subscribe(sub);
            settle(rt);
            Thread other = Thread.ofPlatform().start(() -> {
                sub.cancel();
                sub.cancel(); // idempotent (3.7)
            });
            other.join();
            sub.request(10); // after cancel: a no-op (3.6)
            settle(rt);
            assertEquals(1, stream.cancels());
            assertSame(Thread.currentThread(), stream.cancelledOn, "cancelled by the runtime's thread");
            assertEquals(List.of(0), sub.items());
            assertFalse(sub.completed());
            assertNull(sub.error());
            assertEquals(List.of(), stream.misuse());
            assertEquals(0, rt.handle().aliveTasks(), "the task ended");
        }
    }

    @Test
    void demandAddsUpToUnbounded() throws Exception {
        try (Runtime rt = paused()) {
            RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(Long.MAX_VALUE);
            sub.onNextHook = (s, item) -> {
                if (item == 0) {
                    sub.request(Long.MAX_VALUE); // overflows: still unbounded, no error (3.17)
                }
            };
            Flows.toPublisher(new CountingStream(300), rt.handle()).subscribe(sub);
            rt.blockOn(Futures.from(sub.done));
            assertEquals(300, sub.items().size());
            assertTrue(sub.completed());
            sub.assertNoBreach();
        }
    }

    @Test
    void aStreamIsPublishedToOneSubscriberOnly() throws Exception {
        try (Runtime rt = paused()) {
            Flow.Publisher<Integer> pub = Flows.toPublisher(Stream.of(1), rt.handle());
            pub.subscribe(new RecordingSubscriber<>(1));
            RecordingSubscriber<Integer> second = new RecordingSubscriber<>(1);
            pub.subscribe(second);
            assertTrue(second.subscription() != null, "onSubscribe first (1.9)");
            IllegalStateException e = assertInstanceOf(IllegalStateException.class, second.error());
            assertTrue(e.getMessage().contains("Flows.publisher"), e.getMessage());
            second.assertNoBreach();
        }
    }

    @Test
    void publisherGivesEachSubscriberItsOwnStream() throws Exception {
        try (Runtime rt = paused()) {
            Flow.Publisher<Integer> pub = Flows.publisher(() -> Stream.of(1, 2, 3), rt.handle());
            RecordingSubscriber<Integer> a = new RecordingSubscriber<>(Long.MAX_VALUE);
            RecordingSubscriber<Integer> b = new RecordingSubscriber<>(Long.MAX_VALUE);
            pub.subscribe(a);
            pub.subscribe(b);
            settle(rt);
            assertEquals(List.of(1, 2, 3), a.items());
            assertEquals(List.of(1, 2, 3), b.items());
            a.assertNoBreach();
            b.assertNoBreach();
        }
    }

    @Test
    void aFailingOrNullStreamSupplierIsSignalledAsOnError() throws Exception {
        try (Runtime rt = paused()) {
            IllegalStateException boom = new IllegalStateException("no stream today");
            RecordingSubscriber<Integer> a = new RecordingSubscriber<>(1);
            Flows.<Integer>publisher(() -> {
                throw boom;
            }, rt.handle()).subscribe(a);
            assertSame(boom, a.error());
            RecordingSubscriber<Integer> b = new RecordingSubscriber<>(1);
            Flows.<Integer>publisher(() -> null, rt.handle()).subscribe(b);
            assertInstanceOf(NullPointerException.class, b.error());
            a.assertNoBreach();
            b.assertNoBreach();
        }
    }

    @Test
    void badArgumentsAreRejectedByName() {
        try (Runtime rt = paused()) {
            Flow.Publisher<Integer> pub = Flows.toPublisher(Stream.of(1), rt.handle());
            NullPointerException npe = assertThrows(NullPointerException.class, () -> pub.subscribe(null));
            assertTrue(npe.getMessage().contains("1.9"), npe.getMessage());
            assertRejects("stream", () -> Flows.toPublisher(null, rt.handle()));
            assertRejects("handle", () -> Flows.toPublisher(Stream.of(1), null));
            assertRejects("streams", () -> Flows.publisher(null, rt.handle()));
            assertRejects("handle", () -> Flows.publisher(() -> Stream.of(1), null));
        }
    }

    static void assertRejects(String name, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(name + " "), e.getMessage());
    }

    @Test
    void subscribingAfterShutdownGivesOnSubscribeThenOnError() {
        Runtime rt = paused();
        CountingStream stream = new CountingStream(3);
        Flow.Publisher<Integer> pub = Flows.toPublisher(stream, rt.handle());
        rt.close();
        RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(1);
        pub.subscribe(sub);
        assertTrue(sub.subscription() != null);
        assertInstanceOf(IllegalStateException.class, sub.error());
        assertEquals(1, stream.cancels(), "the stream it will never publish is dropped");
        sub.assertNoBreach();
    }

    @Test
    void shutdownWhileSubscribedCancelsTheStreamAndSignalsOnError() throws Exception {
        CountingStream stream = new CountingStream(Long.MAX_VALUE);
        RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(1);
        try (Runtime rt = paused()) {
            Flows.toPublisher(stream, rt.handle()).subscribe(sub);
            settle(rt);
        }
        assertEquals(1, stream.cancels());
        assertInstanceOf(CancelledException.class, sub.error());
        assertEquals(List.of(), stream.misuse());
        sub.assertNoBreach();
    }

    @Test
    void aSubscriberThrowingFromOnNextIsTreatedAsCancelledAndReported() throws Exception {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        IllegalStateException boom = new IllegalStateException("subscriber bug");
        CountingStream stream = new CountingStream(Long.MAX_VALUE);
        try (Runtime rt = Runtime.builder().currentThread().enableTime().startPaused(true)
                .uncaughtFailureHandler((id, f) -> reported.add(f)).build()) {
            RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(5);
            sub.onNextHook = (s, item) -> {
                throw boom;
            };
            Flows.toPublisher(stream, rt.handle()).subscribe(sub);
            settle(rt);
            assertEquals(List.of(0), sub.items(), "no signal after the one that threw");
            assertEquals(1, stream.cancels());
        }
        assertEquals(List.of(boom), reported);
    }

    @Test
    @Timeout(30)
    void itemsArrivingFromOtherThreadsReachASubscriberOnAMultiThreadRuntime() throws Exception {
        try (Runtime rt = Runtime.builder().multiThread().workerThreads(2).build();
             SubmissionPublisher<Integer> source = new SubmissionPublisher<>()) {
            // a round trip: a JDK publisher -> a Weft stream -> a publisher driven by the runtime
            Flow.Publisher<Integer> pub = Flows.toPublisher(Flows.fromPublisher(source, 8), rt.handle());
            RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(10);
            sub.onNextHook = (s, item) -> {
                if (item % 10 == 9) {
                    sub.request(10);
                }
            };
            pub.subscribe(sub);
            while (source.getNumberOfSubscribers() == 0) {
                Thread.onSpinWait(); // the stream subscribes at its first poll, on a worker
            }
            for (int i = 0; i < 2_000; i++) {
                source.submit(i); // blocks while the stream's buffer is full: backpressure
            }
            source.close();
            sub.done.get(20, TimeUnit.SECONDS);
            assertEquals(IntStream.range(0, 2_000).boxed().toList(), sub.items());
            assertTrue(sub.completed());
            sub.assertNoBreach();
        }
    }

    @Test
    @Timeout(30)
    void anUnboundedSubscriberOfAnEndlessStreamLetsOtherTasksRun() throws Exception {
        // the task yields every 128 items; without that this current-thread runtime would never
        // come back to the blockOn future below and the test would hang
        try (Runtime rt = Runtime.builder().currentThread().build()) {
            RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(Long.MAX_VALUE);
            AtomicInteger received = new AtomicInteger();
            sub.onNextHook = (s, item) -> received.incrementAndGet();
            Flows.toPublisher(new CountingStream(Long.MAX_VALUE), rt.handle()).subscribe(sub);
            List<Integer> seenByOtherTask = new ArrayList<>();
            rt.blockOn(Futures.pollFn(cx -> {
                seenByOtherTask.add(received.get());
                if (seenByOtherTask.size() == 3) {
                    return Poll.ready(null);
                }
                cx.waker().wake();
                return Poll.pending();
            }));
            sub.cancel();
            assertTrue(seenByOtherTask.get(2) > seenByOtherTask.get(1), "the publisher ran between: " + seenByOtherTask);
        }
    }
}
