package dev.weft.runtime;

import dev.weft.Weft;
import dev.weft.future.CancelledException;
import dev.weft.future.Future;
import dev.weft.future.Outcome;
import dev.weft.future.Poll;
import dev.weft.runtime.LifecycleTasks.Gate;
import dev.weft.runtime.LifecycleTasks.Probe;
import dev.weft.runtime.TaskLifecycle.Body;
import dev.weft.runtime.TaskLifecycle.Combination;
import dev.weft.runtime.TaskLifecycle.End;
import dev.weft.runtime.TaskLifecycle.Flavor;
import dev.weft.runtime.TaskLifecycle.Join;
import dev.weft.runtime.TaskLifecycle.Kind;
import dev.weft.runtime.TaskLifecycle.Step;
import dev.weft.sync.Mutex;
import dev.weft.sync.TryRecv;
import dev.weft.sync.TrySend;
import dev.weft.testkit.TestWaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/**
 * Runs one {@link Combination} on one runtime and checks every invariant of the task
 * lifecycle: the join gives what the body did (value, its own failure, or a {@link JoinError}
 * that says abort or shutdown), and only once the body's cleanup ran; the body's end is the one
 * the order of events allows; nothing handed to the task is lost (message, lock, notification);
 * a failure nobody joined reaches the uncaught-failure handler; nothing is alive after the
 * close, and the close is clean.
 *
 * <p>Where the events happen: the task is spawned, and the steps up to the last one the
 * controller must wait for are applied, inside a controller coroutine spawned on the runtime
 * (on a one-thread runtime it shares the thread with the task, so nothing runs between two of
 * its awaits). Trailing WAKEs and ABORTs are applied from the test thread after that, and then
 * the runtime is closed from there.
 */
final class TaskLifecycleRun {
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    /** Real time a controller may spin waiting for a task on another thread; only a bug takes long. */
    private static final long SPIN_LIMIT_NANOS = Duration.ofSeconds(10).toNanos();

    /** The output of a join, and whether the task's cleanup had run when it came. */
    private record Joined(Object value, Throwable failure, boolean cleanedUp, boolean beforeClose) {
        static Joined of(Poll<?> p, boolean cleanedUp, boolean beforeClose) {
            return p instanceof Poll.Failed<?> f
                    ? new Joined(null, f.error(), cleanedUp, beforeClose)
                    : new Joined(p.get(), null, cleanedUp, beforeClose);
        }
    }

    private final Runtime rt;
    private final Combination c;
    private final boolean exact;
    private final String where;
    private final Probe probe = new Probe();
    private final Gate gate = new Gate();
    private final TestWaker nextWaker = new TestWaker();
    private JoinHandle<Object> task;
    private JoinSet<Object> set;
    private JoinHandle<Void> joiner;
    private Mutex.Guard<Integer> held;
    private Mutex.Lock<Integer> next;
    private volatile Joined joined;
    private boolean clean;

    private TaskLifecycleRun(Runtime rt, Flavor flavor, Combination c) {
        this.rt = rt;
        this.c = c;
        CoroutineMode mode = rt.handle().coroutineMode();
        // On the JDK's scheduler, coroutines (the controller too) run on its threads beside the
        // runtime's own, so no flavor orders them.
        boolean ordered = mode == CoroutineMode.WEFT_SCHEDULER && flavor.oneThread();
        this.exact = ordered && (flavor.idleOutsideBlockOn()
                || (c.spawnsInside() && c.insideSteps() == c.steps().size()));
        this.where = flavor + " / " + c + " / " + mode + (exact ? " (exact order)" : " (racing)");
    }

    /**
     * Builds a runtime of {@code flavor}, runs {@code c} on it, and checks it.
     *
     * @throws AssertionError naming the flavor and the combination
     */
    static void run(Flavor flavor, Combination c) throws Exception {
        Queue<Throwable> uncaught = new ConcurrentLinkedQueue<>();
        Runtime rt = flavor.builder().get()
                .uncaughtFailureHandler((id, e) -> uncaught.add(e))
                .shutdownTimeout(SHUTDOWN_TIMEOUT)
                .build();
        runOn(rt, flavor, c, uncaught);
    }

    /**
     * Runs every combination on fresh runtimes of {@code flavor} (for a seed loop: one call per
     * seed) and returns the failures instead of stopping at the first.
     *
     * @return one AssertionError per failing combination, each naming it
     */
    static List<AssertionError> runAll(Flavor flavor) throws Exception {
        List<AssertionError> failures = new ArrayList<>();
        for (Combination c : TaskLifecycle.all()) {
            try {
                run(flavor, c);
            } catch (AssertionError e) {
                failures.add(e);
            }
        }
        return failures;
    }

    /**
     * Runs {@code c} on {@code rt}, closes {@code rt}, and checks it. {@code flavor} tells how
     * ordered {@code rt} is (see {@link Flavor}).
     *
     * @param uncaught where {@code rt}'s uncaught-failure handler puts failures, or null if it
     *        does not (then that invariant is not checked)
     */
    static void runOn(Runtime rt, Flavor flavor, Combination c, Queue<Throwable> uncaught) throws Exception {
        TaskLifecycleRun r = new TaskLifecycleRun(rt, flavor, c);
        try {
            r.drive();
        } catch (Exception | AssertionError e) {
            rt.close();
            throw new AssertionError(r.where + ": " + e, e);
        }
        r.verify(uncaught);
    }

    private void drive() throws Exception {
        if (c.body() == Body.LOCK) {
            held = gate.mutex.tryLock().orElseThrow(); // the task must wait for the controller
        }
        int inside = c.insideSteps();
        if (c.spawnsInside()) {
            rt.blockOn(rt.spawn(() -> {
                spawn(Handle.current());
                for (int i = 0; i < inside; i++) {
                    apply(i);
                }
                if (c.joinsInside()) {
                    joined = join(true);
                }
                return null;
            }));
        } else {
            spawn(rt.handle());
        }
        for (int i = inside; i < c.steps().size(); i++) {
            apply(i); // WAKE or ABORT, from the test thread
        }
        clean = rt.shutdownTimeout(SHUTDOWN_TIMEOUT);
        rt.close();
        afterClose();
    }

    private void spawn(Handle handle) {
        Future<Object> f = c.kind() == Kind.POLL ? LifecycleTasks.pollTask(c.body(), probe, gate) : null;
        var body = c.kind() == Kind.COROUTINE ? LifecycleTasks.coroutine(c.body(), probe, gate) : null;
        if (c.join() == Join.SET_JOIN || c.join() == Join.SET_CLOSE) {
            set = new JoinSet<>();
            task = f != null ? set.spawnOn(handle, f) : set.spawnOn(handle, body);
        } else {
            task = f != null ? handle.spawn(f) : handle.spawn(body);
        }
        if (c.join() == Join.JOINER) {
            JoinHandle<Object> h = task;
            // The joiner records what it got itself: its own task's output could be replaced by
            // a JoinError if the close cancels it right after it joined.
            joiner = handle.spawn(() -> {
                try {
                    Object v = h.await();
                    joined = new Joined(v, null, probe.cleanedUp, true);
                } catch (JoinError e) {
                    if (e.taskId() != h.id()) {
                        throw e;
                    }
                    joined = new Joined(null, e, probe.cleanedUp, true);
                } catch (CancelledException e) {
                    throw e; // the joiner itself was cancelled (the close): the test thread joins instead
                } catch (Exception e) {
                    joined = new Joined(null, e, probe.cleanedUp, true);
                }
                return null;
            });
        }
        if (c.join() == Join.POLL_ONCE) {
            Poll<Object> p = task.poll(new TestWaker());
            if (p.isReady()) {
                joined = Joined.of(p, probe.cleanedUp, true);
            } else {
                task.cancel(); // detach: the task must go on as if never joined
            }
        }
    }

    private void apply(int index) throws Exception {
        Step step = c.steps().get(index);
        switch (step) {
            case POLL -> awaitStep(probe.reached.notified(), step);
            case RUN -> awaitStep(probe.done.notified(), step);
            case FINISH -> spinUntil(task::isFinished, "the task to finish");
            case WAKE -> wake(index);
            case ABORT -> {
                switch (c.join()) {
                    case SET_JOIN -> set.abortAll();
                    case SET_CLOSE -> set.close();
                    default -> task.abort();
                }
            }
        }
    }

    private void wake(int index) {
        switch (c.body()) {
            case RECV -> {
                if (gate.channel.sender().trySend(LifecycleTasks.MESSAGE) != TrySend.SENT) {
                    throw new AssertionError("could not send");
                }
            }
            case LOCK -> {
                int poll = c.steps().indexOf(Step.POLL);
                if (poll >= 0 && poll < index) {
                    // The task is queued on the mutex: queue a second waiter behind it, which must
                    // get the lock if the task does not keep it.
                    next = gate.mutex.lock();
                    if (next.poll(nextWaker).isReady()) {
                        throw new AssertionError("the next waiter got a lock the controller holds");
                    }
                }
                held.close();
                held = null;
            }
            case NOTIFY -> gate.notify.notifyOne();
            default -> {
            }
        }
    }

    private void awaitStep(Future<?> f, Step step) throws Exception {
        bounded(f, "step " + step);
    }

    private static void spinUntil(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + SPIN_LIMIT_NANOS;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited 10 s for " + what);
            }
            Weft.yieldNow().await();
        }
    }

    /**
     * Joins the task the way the combination says. {@code inside}: from the controller, bounded
     * (a lost join wake-up fails the combination instead of hanging the suite); after the close
     * the task has ended, so the join is immediate.
     */
    private Joined join(boolean inside) throws Exception {
        switch (c.join()) {
            case AWAIT -> {
                return joinHandle(inside);
            }
            case JOINER -> {
                if (inside) {
                    bounded(joiner, "the joiner task");
                    return joined;
                }
                // null: the close cancelled the joiner before the task ended; join it from here
                return joined != null ? joined : joinHandle(false);
            }
            case SET_JOIN -> {
                Future<Optional<Outcome<Object>>> next = set.joinNextOutcome();
                Optional<Outcome<Object>> o = inside ? bounded(next, "JoinSet.joinNextOutcome()") : next.await();
                boolean cleanedUp = probe.cleanedUp;
                if (o.isEmpty()) {
                    throw new AssertionError("the JoinSet was empty");
                }
                return switch (o.get()) {
                    case Outcome.Success<Object> s -> new Joined(s.value(), null, cleanedUp, inside);
                    case Outcome.Failure<Object> x -> new Joined(null, x.error(), cleanedUp, inside);
                };
            }
            default -> throw new IllegalStateException("not a joining mode: " + c.join());
        }
    }

    private Joined joinHandle(boolean inside) throws Exception {
        try {
            Object v = inside ? bounded(task, "the JoinHandle") : task.await();
            return new Joined(v, null, probe.cleanedUp, inside);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            return new Joined(null, e, probe.cleanedUp, inside);
        }
    }

    private static <T> T bounded(Future<T> f, String what) throws Exception {
        return LifecycleTasks.bounded(f, what);
    }

    private void afterClose() throws Exception {
        if (c.join() == Join.SET_CLOSE && !c.aborts()) {
            set.close(); // after the close: nothing left to abort, only to forget
        }
        if (c.join().joins && !c.joinsInside() && task.isFinished()) {
            joined = join(false);
        }
    }

    // ---- the checks ----------------------------------------------------------------------

    private void verify(Queue<Throwable> uncaught) {
        List<String> problems = new ArrayList<>();
        if (!clean) {
            problems.add("the runtime did not shut down within " + SHUTDOWN_TIMEOUT);
        }
        RuntimeMetrics m = rt.metrics();
        if (m.aliveTasks() != 0 || m.liveCoroutines() != 0) {
            problems.add("after the close: " + m.aliveTasks() + " alive tasks, " + m.liveCoroutines()
                    + " live coroutines (expected 0 and 0)");
        }
        if (!task.isFinished()) {
            problems.add("the task is not finished after the close");
        }
        End end = probe.actual();
        Set<End> allowed = c.allowed(exact);
        if (end == null) {
            problems.add("the body started but neither returned nor was cancelled");
        } else if (!allowed.contains(end)) {
            problems.add("the body ended " + end + ", expected " + (allowed.size() == 1 ? allowed.iterator().next()
                    : "one of " + allowed) + (probe.pastAwait ? " (it ran past its await)" : ""));
        }
        if (probe.started && !probe.cleanedUp) {
            problems.add("the body's cleanup (finally / cancel) never ran");
        }
        checkJoin(end, problems);
        checkGate(end, problems);
        if (uncaught != null) {
            boolean joinedInTime = joined != null && joined.beforeClose();
            boolean expectReport = c.body() == Body.FAIL && end == End.RETURNED && !joinedInTime;
            List<Throwable> got = List.copyOf(uncaught);
            List<Throwable> want = expectReport ? List.of(probe.boom) : List.of();
            if (!got.equals(want)) {
                problems.add("uncaught-failure handler got " + got + ", expected " + want);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(where + ":\n  - " + String.join("\n  - ", problems));
        }
    }

    private void checkJoin(End end, List<String> problems) {
        Joined j = joined;
        if (j == null) {
            if (c.join().joins) {
                problems.add("the join never completed");
            }
            return;
        }
        if (end == End.RETURNED) {
            if (c.body() == Body.FAIL) {
                if (j.failure() != probe.boom) {
                    problems.add("the body failed, but the join gave " + describe(j) + " instead of its own failure");
                }
            } else if (j.failure() != null || !probe.value.equals(j.value())) {
                problems.add("the body returned " + probe.value + ", but the join gave " + describe(j));
            }
        } else if (!(j.failure() instanceof JoinError e)) {
            problems.add("the body ended " + end + ", but the join gave " + describe(j) + " instead of a JoinError");
        } else if (e.isAborted() != c.aborts() || e.taskId() != task.id()) {
            problems.add("the join gave " + describe(j) + ", expected a JoinError of task " + task.id() + " saying "
                    + (c.aborts() ? "aborted" : "shut down"));
        }
        if (probe.started && !j.cleanedUp()) {
            problems.add("the join completed (" + describe(j) + ") before the body's cleanup (finally / cancel) ran");
        }
    }

    private static String describe(Joined j) {
        if (j.failure() == null) {
            return "value " + j.value();
        }
        return j.failure() instanceof JoinError e
                ? "JoinError(" + (e.isShutdown() ? "shutdown" : "aborted") + ", task " + e.taskId() + ")"
                : j.failure().toString();
    }

    /** Nothing handed to the task is lost: it kept it only if it returned. */
    private void checkGate(End end, List<String> problems) {
        boolean kept = end == End.RETURNED;
        boolean handed = c.wakes();
        switch (c.body()) {
            case RECV -> {
                boolean left = gate.channel.receiver().tryRecv() instanceof TryRecv.Received<String>;
                if (left != (handed && !kept)) {
                    problems.add(left ? "the message is still in the channel although the task returned it"
                            : handed ? "the message is lost: not in the channel, and the task did not return it"
                            : "a message appeared that was never sent");
                }
            }
            case NOTIFY -> {
                boolean permit = gate.notify.notified().poll(new TestWaker()).isReady();
                if (permit != (handed && !kept)) {
                    problems.add(permit ? "a notification is left although the task consumed it"
                            : "the notification is lost: the task did not consume it and it was not passed on");
                }
            }
            case LOCK -> {
                if (probe.criticalSection != kept) {
                    problems.add(probe.criticalSection ? "the critical section ran, but the body ended " + end
                            : "the body returned without running its critical section");
                }
                if (next != null) {
                    Poll<Mutex.Guard<Integer>> p = next.poll(nextWaker);
                    if (p.isReady()) {
                        p.get().close();
                    } else {
                        problems.add("the lock did not go to the next waiter");
                        next.cancel();
                    }
                }
                if (held != null) {
                    held.close();
                }
                if (gate.mutex.isLocked()) {
                    problems.add("the lock is lost: still locked after every holder and waiter is gone");
                }
            }
            default -> {
            }
        }
    }
}
