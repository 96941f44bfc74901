package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Weft;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.time.Clock;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cooperative budget: a task looping on an always-ready sync resource must still let a due
 * timer fire, on both runtime flavors. The spinner and the timer are poll-based tasks on one
 * thread (current-thread, or a multi-thread runtime with one worker: with two, the timer would
 * simply run on the other), and the clock is paused and moved by hand, so the run is exact:
 * the spinner gives up after a million rounds, far more than the budget (128 completions per
 * turn) lets it take while the timer is due. Without the budget check in the resource the
 * spinner never yields and the timer never fires.
 *
 * <p>Also: a poll that stays pending spends no budget, so a task may poll many pending
 * resources in one turn and still complete a ready one.
 */
class CoopBudgetTest {
    private static final int GIVE_UP = 1_000_000;

    /**
     * One round on an always-ready resource: its steps, each a future that is ready at once
     * unless the budget is spent. A step left pending is polled again (not re-created) when the
     * task comes back, so nothing piles up.
     */
    private static final class Round {
        private final List<Supplier<Future<?>>> steps;
        private int next;
        private Future<?> current;

        Round(List<Supplier<Future<?>>> steps) {
            this.steps = steps;
        }

        /** @return false if a step answered pending (the budget is spent; we were re-woken) */
        boolean run(Context cx) {
            for (; next < steps.size(); next++) {
                if (current == null) {
                    current = steps.get(next).get();
                }
                Poll<?> p = current.poll(cx);
                if (p.isPending()) {
                    return false;
                }
                current = null;
                if (p.get() instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            }
            next = 0;
            return true;
        }
    }

    /** A future that runs {@code action} and is ready at once (no budget involved). */
    private static Future<?> now(Runnable action) {
        return cx -> {
            action.run();
            return Poll.ready(null);
        };
    }

    private static Supplier<Round> resource(String name) {
        return switch (name) {
            case "semaphore" -> () -> {
                Semaphore s = new Semaphore(1);
                return new Round(List.of(s::acquire));
            };
            case "mutex" -> () -> {
                Mutex<int[]> m = new Mutex<>(new int[1]);
                return new Round(List.of(m::lock));
            };
            case "mpsc-bounded", "mpsc-unbounded" -> () -> {
                Mpsc.Channel<Integer> ch = name.equals("mpsc-bounded") ? Mpsc.bounded(4) : Mpsc.unbounded();
                return new Round(List.of(() -> ch.sender().send(1), () -> ch.receiver().recv()));
            };
            case "notify" -> () -> {
                Notify n = new Notify();
                return new Round(List.of(() -> now(n::notifyOne), n::notified));
            };
            case "watch" -> () -> {
                Watch.Channel<Integer> ch = Watch.channel(0);
                return new Round(List.of(() -> now(() -> ch.sender().send(1)), () -> ch.receiver().changed()));
            };
            case "broadcast" -> () -> {
                Broadcast.Channel<Integer> ch = Broadcast.channel(4);
                return new Round(List.of(() -> now(() -> ch.sender().send(1)), () -> ch.receiver().recv()));
            };
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Sleeps 1 ms, then sets {@code fired}; says when its sleep is registered. */
    private static final class Timer implements Future<Void> {
        private final Sleep sleep = Time.sleep(Duration.ofMillis(1));
        final AtomicBoolean armed = new AtomicBoolean();
        final AtomicBoolean fired = new AtomicBoolean();

        @Override
        public Poll<Void> poll(Context cx) {
            if (sleep.poll(cx).isPending()) {
                armed.set(true);
                return Poll.pending();
            }
            fired.set(true);
            return Poll.ready(null);
        }
    }

    /** Waits until the timer is armed, makes it due, then spins until it fired or it gives up. */
    private static final class Spinner implements Future<Integer> {
        private final Timer timer;
        private final Clock clock;
        private final Round round;
        private boolean advanced;
        private int rounds;

        Spinner(Timer timer, Clock clock, Round round) {
            this.timer = timer;
            this.clock = clock;
            this.round = round;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            if (!advanced) {
                if (!timer.armed.get()) {
                    cx.waker().wake(); // yield until the timer task has registered its sleep
                    return Poll.pending();
                }
                clock.advance(Duration.ofMillis(1)); // due now; only the runtime's driver fires it
                advanced = true;
            }
            while (!timer.fired.get()) {
                if (++rounds > GIVE_UP) {
                    return Poll.ready(rounds);
                }
                if (!round.run(cx)) {
                    return Poll.pending(); // the budget is spent: the task was re-woken
                }
            }
            return Poll.ready(rounds);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "semaphore, current-thread", "semaphore, multi-thread",
        "mutex, current-thread", "mutex, multi-thread",
        "mpsc-bounded, current-thread", "mpsc-bounded, multi-thread",
        "mpsc-unbounded, current-thread", "mpsc-unbounded, multi-thread",
        "notify, current-thread", "notify, multi-thread",
        "watch, current-thread", "watch, multi-thread",
        "broadcast, current-thread", "broadcast, multi-thread",
    })
    void aTaskLoopingOnAnAlwaysReadyResourceDoesNotStarveADueTimer(String resource, String flavor) throws Exception {
        Clock clock = Clock.paused();
        var builder = Runtime.builder().enableTime().clock(clock);
        try (Runtime rt = flavor.equals("current-thread") ? builder.currentThread().build()
                : builder.multiThread().workerThreads(1).build()) {
            Timer timer = rt.blockOn(new Future<Timer>() { // made inside the runtime: it needs the time driver
                @Override
                public Poll<Timer> poll(Context cx) {
                    return Poll.ready(new Timer());
                }
            });
            JoinHandle<Void> t = rt.spawn(timer);
            JoinHandle<Integer> spinner = rt.spawn(new Spinner(timer, clock, resource(resource).get()));
            int rounds = rt.blockOn(spinner);
            assertTrue(timer.fired.get() && rounds <= GIVE_UP,
                    "the timer fired while the spinner looped on a ready " + resource + " (" + rounds + " rounds)");
            rt.blockOn(t);
        }
    }

    /**
     * A runtime of one thread that also runs its coroutines, so a task spawned by a coroutine
     * waits behind it; skips where coroutines run on the JDK's scheduler.
     */
    private static Runtime oneThreadForCoroutines(String flavor) {
        var builder = Runtime.builder();
        Runtime rt = flavor.equals("current-thread") ? builder.currentThread().build()
                : builder.multiThread().workerThreads(1).build();
        if (rt.handle().coroutineMode() == CoroutineMode.JDK_SCHEDULER) {
            rt.close();
            assumeTrue(false, "coroutines run on the JDK's scheduler here: the queued task is not behind this one");
        }
        return rt;
    }

    /**
     * A coroutine's {@code send(v).await()} on a channel with room completes without a poll of
     * its future (its fast path), and still spends the budget: a loop of them lets a task queued
     * behind it run.
     */
    @ParameterizedTest
    @CsvSource({"current-thread", "multi-thread"})
    void aCoroutineSendingInALoopToAChannelWithRoomStillYields(String flavor) throws Exception {
        try (Runtime rt = oneThreadForCoroutines(flavor)) {
            int sent = rt.blockOn(rt.spawn(() -> {
                Mpsc.Channel<Integer> ch = Mpsc.unbounded();
                AtomicBoolean ran = new AtomicBoolean();
                Weft.spawn(() -> ran.set(true)); // queued behind this coroutine on the one thread
                int i = 0;
                while (!ran.get() && i < GIVE_UP) {
                    ch.sender().send(i++).await();
                }
                return i;
            }));
            assertTrue(sent < GIVE_UP, "the queued task ran while the coroutine sent (" + sent + " sends)");
        }
    }

    /**
     * A coroutine's {@code recv().await()} polls the channel itself, without a future, and still
     * spends the budget: a loop of receives from a full channel lets a task queued behind it run.
     */
    @ParameterizedTest
    @CsvSource({"current-thread", "multi-thread"})
    void aCoroutineReceivingInALoopFromAFullChannelStillYields(String flavor) throws Exception {
        try (Runtime rt = oneThreadForCoroutines(flavor)) {
            int messages = 10_000;
            int received = rt.blockOn(rt.spawn(() -> {
                Mpsc.Channel<Integer> ch = Mpsc.unbounded();
                for (int i = 0; i < messages; i++) {
                    ch.sender().trySend(i);
                }
                AtomicBoolean ran = new AtomicBoolean();
                Weft.spawn(() -> ran.set(true)); // queued behind this coroutine on the one thread
                int n = 0;
                while (!ran.get() && n < messages) {
                    ch.receiver().recv().await();
                    n++;
                }
                return n;
            }));
            assertTrue(received < messages, "the queued task ran while the coroutine received (" + received + " receives)");
        }
    }

    @ParameterizedTest
    @CsvSource({"current-thread", "multi-thread"})
    void pendingPollsSpendNoBudget(String flavor) throws Exception {
        var builder = Runtime.builder().enableTime().startPaused(true);
        try (Runtime rt = flavor.equals("current-thread") ? builder.currentThread().build()
                : builder.multiThread().workerThreads(1).build()) {
            Semaphore empty = new Semaphore(0);
            Mpsc.Channel<Integer> ch = Mpsc.unbounded();
            Semaphore free = new Semaphore(1);
            int pendingPolls = rt.blockOn(rt.spawn(new Future<Integer>() {
                @Override
                public Poll<Integer> poll(Context cx) {
                    int pending = 0;
                    for (int i = 0; i < 1_000; i++) { // far more than the budget of 128
                        Semaphore.Acquire a = empty.acquire();
                        pending += a.poll(cx).isPending() ? 1 : 0;
                        a.cancel();
                        pending += ch.receiver().pollNext(cx).isPending() ? 1 : 0;
                    }
                    Poll<Semaphore.Permit> p = free.acquire().poll(cx);
                    assertTrue(p.isReady(), "the budget is intact after 2,000 pending polls");
                    p.get().close();
                    return Poll.ready(pending);
                }
            }));
            assertEquals(2_000, pendingPolls);
        }
    }
}
