package dev.weft.runtime;

import dev.weft.Weft;
import dev.weft.future.CancelledException;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.sync.Mpsc;
import dev.weft.sync.Mutex;
import dev.weft.sync.Notify;
import dev.weft.sync.Oneshot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The vocabulary of the task-lifecycle tests (Tokio's {@code task_combinations}): runtime
 * flavors, task kinds, task bodies, the ordered events a controller applies to one task, and
 * the generator of every combination. {@link TaskLifecycleRun} runs one combination and checks
 * the invariants.
 *
 * <p>An order of events is a list of {@link Step}s. The task's own progress is
 * {@code POLL} (it reached its await and is pending there), {@code WAKE} (the controller opened
 * what it waits for), {@code RUN} (its body returned), {@code FINISH} (its task completed);
 * {@code ABORT} may come anywhere, and the runtime's close always comes last. The controller
 * waits for POLL/RUN/FINISH, so after an ABORT only a WAKE can follow (the task will not get
 * further). Every interleaving allowed by those rules is generated, so a new rule or step adds
 * its cases by itself.
 */
final class TaskLifecycle {
    private TaskLifecycle() {
    }

    /**
     * A runtime flavor. {@code oneThread}: tasks, coroutines (on Weft's scheduler) and the
     * controller all run on one thread, so an order the controller sets up between two of its
     * awaits cannot be disturbed; {@code idleOutsideBlockOn}: nothing runs while no thread is in
     * {@code blockOn}, so events applied from the test thread after it are ordered too. Both
     * make the expected outcome exact instead of a set of race results.
     */
    record Flavor(String name, boolean oneThread, boolean idleOutsideBlockOn, Supplier<RuntimeBuilder> builder) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The one list of flavors every lifecycle test runs on. A deterministic flavor (one thread,
     * paused clock, seeded order) is {@code new Flavor("deterministic-" + seed, true, true,
     * () -> Runtime.builder().deterministic(seed))}: add it here, or loop over seeds calling
     * {@link TaskLifecycleRun#run(Flavor, Combination)}.
     */
    static final List<Flavor> FLAVORS = List.of(
            new Flavor("current-thread", true, true,
                    () -> Runtime.builder().currentThread().enableAll().startPaused(true)),
            new Flavor("multi-thread-1", true, false,
                    () -> Runtime.builder().multiThread().workerThreads(1).enableAll().startPaused(true)),
            new Flavor("multi-thread-2", false, false,
                    () -> Runtime.builder().multiThread().workerThreads(2).enableAll().startPaused(true)));

    /** How the task is written. */
    enum Kind {
        /** A hand-written {@link Future}; its cleanup is {@code cancel()} (Java's drop). */
        POLL,
        /** A coroutine ({@code handle.spawn(Callable)}); its cleanup is a {@code finally} block. */
        COROUTINE
    }

    /** What the task does. Gated bodies wait for something the controller hands over. */
    enum Body {
        VALUE(false),
        FAIL(false),
        /** Yields once (re-woken by itself), then returns a value. */
        YIELD(false),
        /** Receives one message from an mpsc channel and returns it. */
        RECV(true),
        /** Takes a mutex the controller holds, runs a critical section, returns a value. */
        LOCK(true),
        /** Waits for {@code notifyOne()} on a Notify, then returns a value. */
        NOTIFY(true);

        final boolean gated;

        Body(boolean gated) {
            this.gated = gated;
        }
    }

    /** One event of an order (the runtime's close is implied at the end). */
    enum Step {
        /** The task reached its await (the gate is registered) and is pending there. */
        POLL,
        /** The controller opens the gate: sends the message, unlocks, notifies. */
        WAKE,
        /** The task's body returned (value or its own failure). */
        RUN,
        /** The task completed ({@code isFinished()}). */
        FINISH,
        /** {@code abort()} (for a JoinSet: {@code abortAll()} or {@code close()}). */
        ABORT;

        boolean drives() {
            return this == POLL || this == RUN || this == FINISH;
        }
    }

    /** Who holds the task, and how its output is taken. */
    enum Join {
        /** {@code handle.await()} at the end. */
        AWAIT(true),
        /** Another coroutine task awaits the handle from the start. */
        JOINER(true),
        /** Polled once right after the spawn, then {@code cancel()}ed: detached. */
        POLL_ONCE(false),
        /** Never awaited. */
        NEVER(false),
        /** In a JoinSet; aborted by {@code abortAll()}, joined by {@code joinNextOutcome()}. */
        SET_JOIN(true),
        /** In a JoinSet; aborted (and forgotten) by {@code close()}, never joined. */
        SET_CLOSE(false);

        final boolean joins;

        Join(boolean joins) {
            this.joins = joins;
        }
    }

    /** What the body finally did. */
    enum End {
        /** It never started (aborted or shut down before its first poll). */
        NOT_RUN,
        /** It returned a value or threw its own failure. */
        RETURNED,
        /** It was cancelled at an await (coroutine) or its future was cancelled (poll task). */
        CANCELLED
    }

    /** One case: a task of {@code kind} running {@code body}, the events in order, and its holder. */
    record Combination(Kind kind, Body body, List<Step> steps, Join join) {
        Combination {
            steps = List.copyOf(steps);
        }

        boolean aborts() {
            return steps.contains(Step.ABORT);
        }

        boolean wakes() {
            return steps.contains(Step.WAKE);
        }

        /**
         * The join happens inside the runtime, before its close, when the task is due to
         * complete by then (it was aborted or ran); otherwise after the close.
         */
        boolean joinsInside() {
            return join.joins && (aborts() || steps.contains(Step.RUN));
        }

        /**
         * How many steps run inside the runtime (in the controller coroutine); the rest (only
         * WAKE and ABORT) run on the test thread after it, just before the close. Steps after
         * the last one the controller waits for go outside so that, on a current-thread
         * runtime, nothing runs between them and the close.
         */
        int insideSteps() {
            if (joinsInside()) {
                return steps.size();
            }
            int last = -1;
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).drives()) {
                    last = i;
                }
            }
            return last + 1;
        }

        /** The controller coroutine spawns the task unless it has nothing to do inside. */
        boolean spawnsInside() {
            return insideSteps() > 0 || joinsInside();
        }

        /**
         * Could the body return, if threads race the controller? Yes if it waits for nothing, or
         * was woken before the first ABORT (or the close). Woken after the ABORT: only if it had
         * not polled yet when the ABORT came, since then its first poll may be running right
         * then and see the wake (an abort takes effect at the next poll, or await, not in one).
         */
        boolean completable() {
            if (!body.gated) {
                return true;
            }
            int wake = steps.indexOf(Step.WAKE);
            int abort = steps.indexOf(Step.ABORT);
            return wake >= 0 && (abort < 0 || wake < abort || !steps.subList(0, abort).contains(Step.POLL));
        }

        /**
         * The outcomes the body may have. Exact: the one the order dictates. Otherwise (threads
         * race the controller) also those the task could reach on its own before the controller's
         * next event took effect: started (so cancelled at its await) instead of not run, and
         * returned if it could complete.
         */
        Set<End> allowed(boolean exact) {
            if (steps.contains(Step.RUN)) {
                return EnumSet.of(End.RETURNED);
            }
            int poll = steps.indexOf(Step.POLL);
            int wake = steps.indexOf(Step.WAKE);
            boolean passes = poll >= 0 && wake >= 0 && wake < poll; // woken before it polled: its first poll passes
            End strict = passes ? End.RETURNED : poll >= 0 ? End.CANCELLED : End.NOT_RUN;
            EnumSet<End> a = EnumSet.of(strict);
            if (!exact) {
                a.add(End.CANCELLED); // it may have polled (and registered) before the controller's next event
                if (completable()) {
                    a.add(End.RETURNED);
                }
            }
            return a;
        }

        @Override
        public String toString() {
            return kind + " " + body + " " + steps + "+CLOSE " + join;
        }
    }

    /** Every combination, in a stable order. */
    static List<Combination> all() {
        List<Combination> out = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (Body body : Body.values()) {
                for (List<Step> steps : orders(body)) {
                    for (Join join : Join.values()) {
                        out.add(new Combination(kind, body, steps, join));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The orders of events for {@code body}: every prefix of its progress (a gated task may be
     * woken before or after it polls), with an ABORT inserted at every place after which only
     * WAKEs follow, or no ABORT.
     */
    static List<List<Step>> orders(Body body) {
        List<List<Step>> progress = body.gated
                ? List.of(List.of(Step.POLL, Step.WAKE, Step.RUN, Step.FINISH),
                        List.of(Step.WAKE, Step.POLL, Step.RUN, Step.FINISH))
                : List.of(List.of(Step.RUN, Step.FINISH));
        Set<List<Step>> prefixes = new LinkedHashSet<>();
        for (List<Step> p : progress) {
            for (int n = 0; n <= p.size(); n++) {
                prefixes.add(p.subList(0, n));
            }
        }
        List<List<Step>> out = new ArrayList<>();
        for (List<Step> p : prefixes) {
            out.add(List.copyOf(p));
            for (int at = 0; at <= p.size(); at++) {
                List<Step> after = p.subList(at, p.size());
                if (after.stream().allMatch(s -> s == Step.WAKE)) {
                    List<Step> s = new ArrayList<>(p.subList(0, at));
                    s.add(Step.ABORT);
                    s.addAll(after);
                    out.add(List.copyOf(s));
                }
            }
        }
        return out;
    }

    // ---- bounded waits ------------------------------------------------------------------------

    /** Real time after which a wait that should have ended is reported (only a bug takes that long). */
    static final long WAIT_LIMIT_SECONDS = 10;
    private static final ScheduledThreadPoolExecutor ALARMS = alarms();

    private static ScheduledThreadPoolExecutor alarms() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lifecycle-test-alarm");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true); // most alarms are cancelled: do not let them pile up
        return e;
    }

    /**
     * Awaits {@code f} from a coroutine, failing with an {@link AssertionError} naming
     * {@code what} if it has not completed after {@link #WAIT_LIMIT_SECONDS} of real time, so a
     * lost wake-up fails its combination instead of hanging the suite. Real time, not the paused
     * clock: the paused clock is the runtime's own, and on JDK_SCHEDULER it can jump while a
     * coroutine's completion is still being delivered (see PausedClockCoroutineEndTest).
     */
    static <T> T bounded(Future<T> f, String what) throws Exception {
        Oneshot.Channel<Boolean> alarm = Oneshot.channel();
        ScheduledFuture<?> timer = ALARMS.schedule(() -> alarm.sender().send(true), WAIT_LIMIT_SECONDS,
                TimeUnit.SECONDS);
        Oneshot.Receiver<Boolean> rang = alarm.receiver();
        Future<T> either = cx -> {
            Poll<T> p = f.poll(cx);
            if (p.isPending() && rang.poll(cx).isReady()) {
                f.cancel();
                return Poll.failed(new AssertionError("awaiting " + what + " did not complete in "
                        + WAIT_LIMIT_SECONDS + " s: a lost wake-up?"));
            }
            return p;
        };
        try {
            return either.await();
        } finally {
            timer.cancel(false);
        }
    }

    // ---- the task's side: what it records, and the two ways to write it ---------------------

    /** The task's own failure: checked, so the join must hand it over as it is. */
    static final class Boom extends Exception {
        private static final long serialVersionUID = 1L;

        Boom() {
            super("boom", null, false, false); // no stack: thousands are made
        }
    }

    static final Object RESULT = "result";
    static final String MESSAGE = "message";

    /**
     * What one task did, written by the task and read by the controller. Volatile: the task may
     * run on another thread, and the reads that matter come after a join or the close anyway.
     */
    static final class Probe {
        final Boom boom = new Boom();
        /** Signalled when the task polled its gate the first time (it is registered there). */
        final Notify reached = new Notify();
        /** Signalled when the body returned or threw its own failure. */
        final Notify done = new Notify();
        volatile boolean started;
        volatile boolean pastAwait;
        volatile boolean criticalSection;
        /** Coroutine: its finally ran; poll task: it returned ready or was cancelled. */
        volatile boolean cleanedUp;
        volatile End end;
        volatile Object value;

        void returned(Object v) {
            value = v;
            end = End.RETURNED;
            done.notifyOne();
        }

        /** @return the end as the body saw it, or null if it started and never ended */
        End actual() {
            if (!started) {
                return End.NOT_RUN;
            }
            return end;
        }
    }

    /** The resources a gated body waits on, and the controller's side of them. */
    static final class Gate {
        final Mpsc.Channel<String> channel = Mpsc.unbounded();
        final Mutex<Integer> mutex = new Mutex<>(0);
        final Notify notify = new Notify();

        Future<?> open(Body body) {
            return switch (body) {
                case RECV -> channel.receiver().recv();
                case LOCK -> mutex.lock();
                case NOTIFY -> notify.notified();
                default -> throw new IllegalArgumentException("not gated: " + body);
            };
        }

        /** What the body does once through its await; returns its value. */
        Object passed(Body body, Object got, Probe probe) {
            probe.pastAwait = true;
            return switch (body) {
                case RECV -> ((java.util.Optional<?>) got).orElseThrow();
                case LOCK -> {
                    @SuppressWarnings("unchecked")
                    Mutex.Guard<Integer> g = (Mutex.Guard<Integer>) got;
                    probe.criticalSection = true;
                    g.set(g.get() + 1);
                    g.close();
                    yield RESULT;
                }
                default -> RESULT;
            };
        }
    }

    /**
     * Wraps a gate so that its first poll signals {@link Probe#reached}: the controller then
     * knows the task is registered at the gate (queued on the mutex, its waker at the channel),
     * not merely about to await.
     */
    static final class Reached<T> implements Future<T> {
        private final Future<T> inner;
        private final Probe probe;
        private boolean signalled;

        Reached(Future<T> inner, Probe probe) {
            this.inner = inner;
            this.probe = probe;
        }

        @Override
        public Poll<T> poll(Context cx) {
            Poll<T> p = inner.poll(cx);
            if (!signalled) {
                signalled = true;
                probe.reached.notifyOne();
            }
            return p;
        }

        @Override
        public void cancel() {
            inner.cancel();
        }
    }

    static Callable<Object> coroutine(Body body, Probe probe, Gate gate) {
        return () -> {
            probe.started = true;
            try {
                Object v = switch (body) {
                    case VALUE -> RESULT;
                    case FAIL -> throw probe.boom;
                    case YIELD -> {
                        Weft.yieldNow().await();
                        yield RESULT;
                    }
                    default -> gate.passed(body, new Reached<>(gate.open(body), probe).await(), probe);
                };
                probe.returned(v);
                return v;
            } catch (Boom b) {
                probe.returned(b);
                throw b;
            } catch (CancelledException c) {
                probe.end = End.CANCELLED;
                throw c;
            } finally {
                probe.cleanedUp = true;
            }
        };
    }

    static Future<Object> pollTask(Body body, Probe probe, Gate gate) {
        return new PollTask(body, probe, gate);
    }

    /** The same bodies as a hand-written future. */
    private static final class PollTask implements Future<Object> {
        private final Body body;
        private final Probe probe;
        private final Gate gate;
        private Future<?> gated;
        private boolean yielded;

        PollTask(Body body, Probe probe, Gate gate) {
            this.body = body;
            this.probe = probe;
            this.gate = gate;
        }

        @Override
        public Poll<Object> poll(Context cx) {
            probe.started = true;
            switch (body) {
                case VALUE -> {
                    return finish(RESULT);
                }
                case FAIL -> {
                    probe.returned(probe.boom);
                    probe.cleanedUp = true;
                    return Poll.failed(probe.boom);
                }
                case YIELD -> {
                    if (!yielded) {
                        yielded = true;
                        cx.waker().wake();
                        return Poll.pending();
                    }
                    return finish(RESULT);
                }
                default -> {
                    if (gated == null) {
                        gated = new Reached<>(gate.open(body), probe);
                    }
                    Poll<?> p = gated.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    return finish(gate.passed(body, p.get(), probe));
                }
            }
        }

        private Poll<Object> finish(Object v) {
            probe.returned(v);
            probe.cleanedUp = true;
            return Poll.ready(v);
        }

        @Override
        public void cancel() {
            if (gated != null) {
                gated.cancel();
            }
            if (probe.started) {
                probe.end = End.CANCELLED;
            }
            probe.cleanedUp = true;
        }
    }
}
