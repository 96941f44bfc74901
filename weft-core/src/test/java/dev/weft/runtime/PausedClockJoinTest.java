package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The paused clock must not jump while a finished coroutine's joiner still has work: a coroutine
 * that ends is counted idle only after its joiner was woken. When the order was the other way
 * round (coroutines on the JDK's scheduler, without {@code --add-opens}), the driver saw a
 * moment with nothing runnable, jumped to the next timer (an hour away), and the joiner woke up
 * at 59m59.9s; {@code JoinSet.joinNext()} also returned out of completion order. Both are
 * races, so each case runs many rounds, on every flavor.
 */
class PausedClockJoinTest {
    static final int ROUNDS = 200;

    static Supplier<Runtime> flavor(String name) {
        return switch (name) {
            case "current-thread" -> () -> Runtime.builder().currentThread().enableTime().startPaused(true)
                    .registerMXBean(false).build();
            case "multi-thread-1" -> () -> Runtime.builder().multiThread().workerThreads(1).enableTime()
                    .startPaused(true).registerMXBean(false).build();
            default -> () -> Runtime.builder().multiThread().workerThreads(2).enableTime().startPaused(true)
                    .registerMXBean(false).build();
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"current-thread", "multi-thread-1", "multi-thread-2"})
    void joiningASleeperReadsItsOwnDeadlineNotTheNextTimers(String flavor) throws Exception {
        try (Runtime rt = flavor(flavor).get()) {
            for (int round = 0; round < ROUNDS; round++) {
                int r = round;
                Duration seen = rt.blockOn(rt.spawn(() -> {
                    Instant start = Time.now();
                    JoinHandle<Void> hour = Weft.spawn(() -> {
                        Time.sleep(Duration.ofHours(1)).await();
                        return null;
                    });
                    Weft.spawn(() -> {
                        Time.sleep(Duration.ofMillis(10)).await();
                        return null;
                    }).await();
                    Duration d = Duration.between(start, Time.now());
                    hour.abort();
                    return d;
                }));
                assertEquals(Duration.ofMillis(10), seen, flavor + ", round " + r + ": the clock jumped");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"current-thread", "multi-thread-1", "multi-thread-2"})
    void joinNextReturnsInCompletionOrder(String flavor) throws Exception {
        try (Runtime rt = flavor(flavor).get()) {
            for (int round = 0; round < ROUNDS; round++) {
                int r = round;
                List<Integer> order = rt.blockOn(Async.async(() -> {
                    try (JoinSet<Integer> set = new JoinSet<>()) {
                        for (int ms : new int[] {30, 10, 40, 20}) {
                            set.spawn(() -> {
                                Time.sleep(Duration.ofMillis(ms)).await();
                                return ms;
                            });
                        }
                        List<Integer> out = new ArrayList<>();
                        Optional<Integer> next;
                        while ((next = set.joinNext().await()).isPresent()) {
                            out.add(next.get());
                        }
                        return out;
                    }
                }));
                assertEquals(List.of(10, 20, 30, 40), order, flavor + ", round " + r);
            }
        }
    }
}
