package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Outcome;
import dev.weft.future.Poll;
import dev.weft.future.Select;
import dev.weft.sync.CancellationToken;
import dev.weft.sync.Mpsc;
import dev.weft.sync.TryRecv;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Select} and {@link Futures#joinAll} on a runtime: the seed example, the loop idiom, timeouts. */
@Timeout(30)
class SelectRuntimeTest {

    static Future<String> after(long ms, String value) {
        return Time.sleep(Duration.ofMillis(ms)).map(v -> value);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theFirstOfTwoTasksOrTheTimeoutWins(boolean multi) throws Exception {
        try (Runtime rt = JoinSetTest.runtime(multi)) {
            assertEquals("First: task1 complete", rt.blockOn(Async.async(() -> {
                JoinHandle<String> task1 = Weft.spawn(after(100, "task1 complete"));
                JoinHandle<String> task2 = Weft.spawn(after(200, "task2 complete"));
                return Select.<String>builder()
                        .on(task1, v -> "First: " + v)
                        .on(task2, v -> "First: " + v)
                        .on(Time.sleep(Duration.ofMillis(150)), v -> "Timeout reached")
                        .build()
                        .await();
            })));
            assertEquals("Timeout reached", rt.blockOn(Async.async(() -> {
                JoinHandle<String> task1 = Weft.spawn(after(300, "task1 complete"));
                JoinHandle<String> task2 = Weft.spawn(after(200, "task2 complete"));
                String r = Select.<String>builder()
                        .on(task1, v -> "First: " + v)
                        .on(task2, v -> "First: " + v)
                        .on(Time.sleep(Duration.ofMillis(150)), v -> "Timeout reached")
                        .build()
                        .await();
                task1.abort(); // a JoinHandle loser is only detached: the task runs on
                task2.abort();
                return r;
            })));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theRecvOrShutdownLoopLosesNoMessage(boolean multi) throws Exception {
        try (Runtime rt = JoinSetTest.runtime(multi)) {
            List<Integer> got = rt.blockOn(Async.async(() -> {
                Mpsc.Channel<Integer> ch = Mpsc.bounded(4);
                Mpsc.Receiver<Integer> rx = ch.receiver();
                CancellationToken token = new CancellationToken();
                Mpsc.Sender<Integer> tx = ch.sender();
                Weft.spawn(() -> {
                    for (int i = 0; i < 100; i++) {
                        tx.send(i).await();
                        if (i % 10 == 0) {
                            Time.sleep(Duration.ofMillis(1)).await();
                        }
                    }
                    token.cancel();
                    return null;
                });
                List<Integer> out = new ArrayList<>();
                // the loop idiom (Select's Javadoc)
                while (true) {
                    boolean more = Select.<Boolean>builder()
                            .on(rx.recv(), msg -> msg.map(out::add).isPresent())
                            .on(token.cancelled(), v -> false)
                            .build()
                            .await();
                    if (!more) {
                        break;
                    }
                }
                // shutdown may win while messages wait: none is lost
                while (rx.tryRecv() instanceof TryRecv.Received<Integer> r) {
                    out.add(r.value());
                }
                return out;
            }));
            assertEquals(100, got.size());
            for (int i = 0; i < 100; i++) {
                assertEquals(i, got.get(i));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aStreamBranchEndsTheLoopWhenTheChannelCloses(boolean multi) throws Exception {
        try (Runtime rt = JoinSetTest.runtime(multi)) {
            List<String> got = rt.blockOn(Async.async(() -> {
                Mpsc.Channel<String> ch = Mpsc.unbounded();
                Mpsc.Receiver<String> rx = ch.receiver();
                CancellationToken token = new CancellationToken();
                try (Mpsc.Sender<String> tx = ch.sender()) {
                    for (String s : List.of("a", "b", "c")) {
                        tx.send(s).await();
                    }
                }
                List<String> out = new ArrayList<>();
                while (Select.<Boolean>builder()
                        .on(token.cancelled(), v -> false)
                        .onNext(rx, out::add, () -> false)
                        .biased()
                        .build()
                        .await()) {
                    // handled in the branch
                }
                return out;
            }));
            assertEquals(List.of("a", "b", "c"), got);
        }
    }

    /** A future that counts its cancels and delegates to {@code inner}. */
    static <T> Future<T> counting(Future<T> inner, AtomicInteger cancels) {
        return new Future<>() {
            @Override
            public Poll<T> poll(Context cx) {
                return inner.poll(cx);
            }

            @Override
            public void cancel() {
                cancels.incrementAndGet();
                inner.cancel();
            }
        };
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTimeoutCancelsTheSelectAndEachBranchOnce(boolean multi) throws Exception {
        try (Runtime rt = JoinSetTest.runtime(multi)) {
            AtomicInteger cancels = new AtomicInteger();
            Mpsc.Channel<String> ch = Mpsc.unbounded();
            rt.blockOn(Async.async(() -> {
                Select<String> s = Select.<String>builder()
                        .on(counting(after(1000, "a"), cancels), v -> v)
                        .on(counting(after(2000, "b"), cancels), v -> v)
                        .onNext(ch.receiver(), v -> v)
                        .build();
                assertThrows(Elapsed.class, () -> Weft.timeout(Duration.ofMillis(50), s).await());
                ch.sender().send("kept").await();
                assertEquals(Optional.of("kept"), ch.receiver().recv().await());
                return null;
            }));
            assertEquals(2, cancels.get());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTimeoutCancelsJoinAllAndEachUnfinishedFutureOnce(boolean multi) throws Exception {
        try (Runtime rt = JoinSetTest.runtime(multi)) {
            AtomicInteger cancels = new AtomicInteger();
            List<Outcome<String>> done = rt.blockOn(Async.async(() -> {
                Future<List<Outcome<String>>> all = Futures.joinAll(List.of(
                        counting(after(10, "a"), cancels),
                        counting(after(1000, "b"), cancels),
                        counting(after(2000, "c"), cancels)));
                assertThrows(Elapsed.class, () -> Weft.timeout(Duration.ofMillis(50), all).await());
                return Futures.joinAll(List.of(after(10, "x"), Futures.<String>failed(new RuntimeException("y")))).await();
            }));
            assertEquals(2, cancels.get());
            assertEquals("x", done.get(0).get());
            assertEquals(false, done.get(1).isSuccess());
        }
    }
}
