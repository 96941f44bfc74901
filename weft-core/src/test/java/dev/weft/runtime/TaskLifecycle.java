package dev.weft.runtime;

import dev.weft.future.Future;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The vocabulary of the task-lifecycle tests (Tokio's {@code task_combinations}): runtime
 * flavors, task kinds, task bodies, the ordered events a controller applies to one task, and
 * the generator of every combination. {@link LifecycleTasks} holds the task bodies and what they
 * record; {@link TaskLifecycleRun} runs one combination and checks the invariants.
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
}
