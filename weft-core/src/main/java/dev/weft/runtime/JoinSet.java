package dev.weft.runtime;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Outcome;
import dev.weft.future.Poll;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.Waker;
import dev.weft.future.internal.Args;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.runtime.scheduler.NonCancellable;
import dev.weft.runtime.internal.VoidBodies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A group of spawned tasks, joined in the order they finish: Tokio's {@code JoinSet}.
 *
 * {@snippet class=dev.weft.snippets.JoinSetSnippets region=join-set}
 *
 * <p><b>Failures.</b> {@link #joinNext()} rethrows a task's failure as it is (the task's own
 * exception, or {@link JoinError} for an aborted task) and removes that task, so the set stays
 * usable: catch and go on. {@link #joinNextOutcome()} and {@link #tryJoinNext()} give an
 * {@link Outcome} instead and never fail.
 *
 * <p><b>Threads.</b> A set is owned by one task at a time (spawn, join, abort from that task);
 * the tasks themselves run anywhere on their runtime. {@link #close()} aborts every task still
 * in the set, so their {@code finally} blocks run and their resources are released.
 *
 * <p><b>Memory.</b> Everything a task did happens-before the join that returns its result.
 *
 * @param <T> the type of the tasks' values
 */
public final class JoinSet<T> implements AutoCloseable {

    /*
     * Implementation notes.
     *
     * Each task has an Entry, which is also the Context (and Waker) its JoinHandle is polled
     * with. Waking an entry puts it on the ready queue (once: the queued flag) and then wakes the
     * waker of the latest join poll, so a join polls only the entries that were woken, never
     * every handle. A new entry starts queued: its first poll registers its waker.
     *
     * Lost wake-ups: the join stores its waker (volatile write) before draining the queue; an
     * entry's wake offers to the queue before reading that waker (volatile read). If the drain
     * missed the offer, the offer comes later in the synchronization order, so the read sees the
     * new waker. The queued flag is cleared before the entry is polled, so a wake during the
     * poll queues it again.
     */

    private final LinkedHashSet<Entry<T>> entries = new LinkedHashSet<>(); // owner only
    private final ConcurrentLinkedQueue<Entry<T>> ready = new ConcurrentLinkedQueue<>();
    private volatile Waker joinWaker; // the waker of the latest join poll; written by the owner, read by wakes
    private boolean closed;
    int entryPolls; // owner only; how many handle polls the joins made, for tests of the wake queue

    /**
     * How long {@link #close()} called from a coroutine waits for its aborted tasks to end:
     * 10 seconds.
     */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    /** Makes an empty set. */
    public JoinSet() {
    }

    /**
     * Spawns {@code future} on the current runtime ({@link Handle#current()}) and adds it.
     *
     * @param future the task's future
     * @return the task's handle, for {@link JoinHandle#abort()} or its id; do not await it (the
     *         set joins it)
     * @throws IllegalStateException outside a runtime, or if the set is closed
     */
    public JoinHandle<T> spawn(Future<T> future) {
        return spawnOn(Handle.current(), future);
    }

    /**
     * Spawns {@code body} as a coroutine task on the current runtime and adds it.
     *
     * {@snippet class=dev.weft.snippets.JoinSetSnippets region=spawn}
     *
     * @param body the coroutine's code
     * @return the task's handle (do not await it)
     * @throws IllegalStateException outside a runtime, or if the set is closed
     */
    public JoinHandle<T> spawn(Callable<T> body) {
        return spawnOn(Handle.current(), body);
    }

    /**
     * Spawns {@code future} on the runtime of {@code handle} and adds it.
     *
     * @param handle where to run it
     * @param future the task's future
     * @return the task's handle (do not await it)
     * @throws IllegalStateException if the set is closed
     */
    public JoinHandle<T> spawnOn(Handle handle, Future<T> future) {
        checkOpen();
        return add(Args.notNull(handle, "handle").spawn(Args.notNull(future, "future")));
    }

    /**
     * Spawns {@code body} as a coroutine task on the runtime of {@code handle} and adds it.
     *
     * @param handle where to run it
     * @param body the coroutine's code
     * @return the task's handle (do not await it)
     * @throws IllegalStateException if the set is closed
     */
    public JoinHandle<T> spawnOn(Handle handle, Callable<T> body) {
        checkOpen();
        return add(Args.notNull(handle, "handle").spawn(Args.notNull(body, "body")));
    }

    /**
     * Spawns {@code body}, code that returns nothing, as a coroutine task on the current runtime
     * and adds it; its value is {@code null}. Meant for a {@code JoinSet<Void>}, Tokio's
     * {@code JoinSet<()>} (on a set of another type it adds {@code null} to the values). Join such
     * a set with {@link #joinAll()}, {@link #joinNextOutcome()}, or {@link #joinNext()} in a
     * {@code while (!set.isEmpty())} loop: {@code joinNext()} gives {@code Optional.empty()} for a
     * {@code null} value too.
     *
     * {@snippet class=dev.weft.snippets.JoinSetSnippets region=spawn-void}
     *
     * @param body the coroutine's code
     * @return the task's handle (do not await it)
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException outside a runtime, or if the set is closed
     */
    public JoinHandle<T> spawn(CheckedRunnable body) {
        Args.notNull(body, "body");
        return spawnOn(Handle.current(), body);
    }

    /**
     * Spawns {@code body}, code that returns nothing, as a coroutine task on the runtime of
     * {@code handle} and adds it; its value is {@code null} (see {@link #spawn(CheckedRunnable)}).
     *
     * @param handle where to run it
     * @param body the coroutine's code
     * @return the task's handle (do not await it)
     * @throws IllegalArgumentException if an argument is null
     * @throws IllegalStateException if the set is closed
     */
    public JoinHandle<T> spawnOn(Handle handle, CheckedRunnable body) {
        Args.notNull(body, "body");
        return spawnOn(handle, VoidBodies.<T>of(body));
    }

    /**
     * Spawns {@code future} as a task named {@code name} on the current runtime and adds it.
     * The name is the task's {@link JoinHandle#name()}: task dumps, JFR events, the
     * blocked-worker detector and {@link JoinError} messages show it, and
     * {@link #joinNextWithId()} gives it back with the task's outcome (Tokio's
     * {@code build_task().name(..)}).
     *
     * @param name the task's name (need not be unique)
     * @param future the task's future
     * @return the task's handle (do not await it)
     * @throws IllegalArgumentException if {@code name} is null or blank, or {@code future} is null
     * @throws IllegalStateException outside a runtime, or if the set is closed
     */
    public JoinHandle<T> spawn(String name, Future<T> future) {
        Args.notBlank(name, "name");
        return spawnOn(Handle.current(), name, future);
    }

    /**
     * Spawns {@code body} as a coroutine task named {@code name} on the current runtime and adds
     * it (see {@link #spawn(String, Future)}); the coroutine's thread carries the name too.
     *
     * {@snippet class=dev.weft.snippets.JoinSetSnippets region=join-next-with-id}
     *
     * @param name the task's name (need not be unique)
     * @param body the coroutine's code
     * @return the task's handle (do not await it)
     * @throws IllegalArgumentException if {@code name} is null or blank, or {@code body} is null
     * @throws IllegalStateException outside a runtime, or if the set is closed
     */
    public JoinHandle<T> spawn(String name, Callable<T> body) {
        Args.notBlank(name, "name");
        return spawnOn(Handle.current(), name, body);
    }

    /**
     * Spawns {@code body}, code that returns nothing, as a coroutine task named {@code name} on
     * the current runtime and adds it; its value is {@code null} (see
     * {@link #spawn(CheckedRunnable)} and {@link #spawn(String, Future)}).
     *
     * @param name the task's name (need not be unique)
     * @param body the coroutine's code
     * @return the task's handle (do not await it)
     * @throws IllegalArgumentException if {@code name} is null or blank, or {@code body} is null
     * @throws IllegalStateException outside a runtime, or if the set is closed
     */
    public JoinHandle<T> spawn(String name, CheckedRunnable body) {
        Args.notBlank(name, "name");
        Args.notNull(body, "body");
        return spawnOn(Handle.current(), name, body);
    }

    /**
     * Spawns {@code future} as a task named {@code name} on the runtime of {@code handle} and
     * adds it (see {@link #spawn(String, Future)}).
     *
     * @param handle where to run it
     * @param name the task's name (need not be unique)
     * @param future the task's future
     * @return the task's handle (do not await it)
     * @throws IllegalArgumentException if an argument is null, or {@code name} is blank
     * @throws IllegalStateException if the set is closed
     */
    public JoinHandle<T> spawnOn(Handle handle, String name, Future<T> future) {
        Args.notNull(handle, "handle");
        Args.notBlank(name, "name");
        Args.notNull(future, "future");
        checkOpen();
        return add(handle.spawn(name, future));
    }

    /**
     * Spawns {@code body} as a coroutine task named {@code name} on the runtime of
     * {@code handle} and adds it (see {@link #spawn(String, Callable)}).
     *
     * @param handle where to run it
     * @param name the task's name (need not be unique)
     * @param body the coroutine's code
     * @return the task's handle (do not await it)
     * @throws IllegalArgumentException if an argument is null, or {@code name} is blank
     * @throws IllegalStateException if the set is closed
     */
    public JoinHandle<T> spawnOn(Handle handle, String name, Callable<T> body) {
        Args.notNull(handle, "handle");
        Args.notBlank(name, "name");
        Args.notNull(body, "body");
        checkOpen();
        return add(handle.spawn(name, body));
    }

    /**
     * Spawns {@code body}, code that returns nothing, as a coroutine task named {@code name} on
     * the runtime of {@code handle} and adds it; its value is {@code null}.
     *
     * @param handle where to run it
     * @param name the task's name (need not be unique)
     * @param body the coroutine's code
     * @return the task's handle (do not await it)
     * @throws IllegalArgumentException if an argument is null, or {@code name} is blank
     * @throws IllegalStateException if the set is closed
     */
    public JoinHandle<T> spawnOn(Handle handle, String name, CheckedRunnable body) {
        Args.notNull(body, "body");
        return spawnOn(handle, name, VoidBodies.<T>of(body));
    }

    private JoinHandle<T> add(JoinHandle<T> handle) {
        Entry<T> e = new Entry<>(this, handle);
        entries.add(e);
        e.wake();
        return handle;
    }

    /**
     * Waits for the next task to finish and returns its value, or {@code Optional.empty()} when
     * the set is empty. Tasks are joined in the order they finish. A task's failure is rethrown
     * as it is (an aborted task: {@link JoinError}) and the task is removed.
     *
     * <p><b>Cancel safety:</b> cancel-safe: a task leaves the set only in the poll that returns
     * its result, so a cancelled {@code joinNext()} (a select loser, a timeout) loses nothing
     * and the tasks keep running in the set.
     *
     * {@snippet class=dev.weft.snippets.JoinSetSnippets region=join-next}
     *
     * @return the future of the next result
     */
    public Future<Optional<T>> joinNext() {
        return joinNextOutcome().map(o -> o.map(Outcome::get));
    }

    /**
     * {@link #joinNext()} that never fails: the next task's {@link Outcome}, or
     * {@code Optional.empty()} when the set is empty.
     *
     * <p><b>Cancel safety:</b> cancel-safe, as {@link #joinNext()}.
     *
     * {@snippet class=dev.weft.snippets.JoinSetSnippets region=join-next-outcome}
     *
     * @return the future of the next outcome
     */
    public UncheckedFuture<Optional<Outcome<T>>> joinNextOutcome() {
        return new JoinNext();
    }

    /**
     * {@link #joinNextOutcome()} that also says which task it was: the next task's id, name and
     * {@link Outcome}, or {@code Optional.empty()} when the set is empty (Tokio's
     * {@code join_next_with_id}). Never fails.
     *
     * <p><b>Cancel safety:</b> cancel-safe, as {@link #joinNext()}.
     *
     * {@snippet class=dev.weft.snippets.JoinSetSnippets region=join-next-with-id}
     *
     * @return the future of the next joined task
     */
    public Future<Optional<JoinedTask<T>>> joinNextWithId() {
        JoinNext next = new JoinNext();
        return cx -> {
            Poll<Optional<Outcome<T>>> p = next.poll(cx);
            if (p instanceof Poll.Ready<Optional<Outcome<T>>> r && r.value().isPresent()) {
                JoinHandle<T> h = next.joined;
                next.joined = null; // keep no finished task reachable
                return Poll.ready(Optional.of(new JoinedTask<>(h.id(), h.name(), r.value().get())));
            }
            return p.isReady() ? Poll.ready(Optional.empty()) : Poll.pending();
        };
    }

    /**
     * The outcome of a task that has already finished, without waiting: empty when none has
     * (or the set is empty).
     *
     * {@snippet class=dev.weft.snippets.JoinSetSnippets region=try-join-next}
     *
     * @return a finished task's outcome, or empty
     */
    public Optional<Outcome<T>> tryJoinNext() {
        Poll<Optional<Outcome<T>>> p = pollNext(NOOP, null);
        return p instanceof Poll.Ready<Optional<Outcome<T>>> r ? r.value() : Optional.empty();
    }

    private static final Context NOOP = Context.of(Waker.noop());

    /**
     * Waits for every task and returns their values in completion order. Fails fast: the first
     * failure aborts the tasks still in the set and is rethrown (they stay in the set until
     * joined or {@link #close()}d).
     *
     * <p><b>Cancel safety:</b> not cancel-safe: the values joined so far are lost (their tasks
     * left the set); the tasks not joined yet stay in the set, running.
     *
     * {@snippet class=dev.weft.snippets.JoinSetSnippets region=join-all}
     *
     * @return the future of the values
     */
    public Future<List<T>> joinAll() {
        List<T> values = new ArrayList<>();
        return drain(() -> { }, o -> switch (o) {
            case Outcome.Success<T> ok -> {
                values.add(ok.value());
                yield null;
            }
            case Outcome.Failure<T> f -> {
                abortAll();
                yield Poll.failed(f.error());
            }
        }, () -> Collections.unmodifiableList(values));
    }

    /**
     * A future that joins outcomes until the set is empty: {@code first} runs at its first poll,
     * {@code onOutcome} sees each outcome and may end the join early (a non-null answer), and
     * {@code atEnd} gives its value once the set is empty. Polling it after it completed is a bug.
     */
    private <R> Future<R> drain(Runnable first, java.util.function.Function<Outcome<T>, Poll<R>> onOutcome,
            java.util.function.Supplier<R> atEnd) {
        JoinNext next = new JoinNext();
        boolean[] started = {false};
        return cx -> {
            next.checkNotDone();
            if (!started[0]) {
                started[0] = true;
                first.run();
            }
            while (true) {
                Poll<Optional<Outcome<T>>> p = pollNext(cx, null);
                if (!(p instanceof Poll.Ready<Optional<Outcome<T>>> r)) {
                    return Poll.pending();
                }
                if (r.value().isEmpty()) {
                    next.done = true;
                    return Poll.ready(atEnd.get());
                }
                Poll<R> early = onOutcome.apply(r.value().get());
                if (early != null) {
                    next.done = true;
                    return early;
                }
            }
        };
    }

    /** A join future: one result, and polling it after that is a bug. */
    private final class JoinNext implements UncheckedFuture<Optional<Outcome<T>>> {
        boolean done;
        /** The task whose outcome this future returned, for {@link #joinNextWithId()}. */
        JoinHandle<T> joined;

        @Override
        public Poll<Optional<Outcome<T>>> poll(Context cx) {
            checkNotDone();
            Poll<Optional<Outcome<T>>> p = pollNext(cx, this);
            done = p.isReady();
            return p;
        }

        void checkNotDone() {
            if (done) {
                throw new IllegalStateException("JoinSet join future polled after it completed");
            }
        }
    }

    /** @param into the join future to tell which task it joined, or null */
    private Poll<Optional<Outcome<T>>> pollNext(Context cx, JoinNext into) {
        if (entries.isEmpty()) {
            return Poll.ready(Optional.empty());
        }
        if (cx != NOOP) {
            joinWaker = cx.waker(); // before draining: pairs with the read in Entry.wake
        }
        for (int budget = entries.size(); budget > 0; budget--) {
            Entry<T> e = ready.poll();
            if (e == null) {
                return Poll.pending();
            }
            e.queued.set(false); // before polling: a wake during the poll queues it again
            if (e.removed) {
                continue;
            }
            Poll<T> p;
            entryPolls++;
            try {
                p = e.handle.poll(e);
            } catch (RuntimeException | Error x) {
                p = Poll.failed(x);
            }
            if (p.isReady()) {
                remove(e);
                if (into != null) {
                    into.joined = e.handle;
                }
                return Poll.ready(Optional.of(Outcome.of(p)));
            }
        }
        if (!ready.isEmpty()) {
            cx.waker().wake(); // budget spent: let other tasks run, come back for the rest
        }
        return Poll.pending();
    }

    private void remove(Entry<T> e) {
        e.removed = true;
        entries.remove(e);
    }

    /**
     * Aborts every task in the set ({@link JoinHandle#abort()}); they stay in the set, and
     * joining them gives {@link JoinError} (or their result, if they finished first).
     */
    public void abortAll() {
        for (Entry<T> e : entries) {
            e.handle.abort();
        }
    }

    /**
     * Aborts every task in the set and waits until all of them have ended (Tokio's
     * {@code JoinSet::shutdown}): the same as {@link #abortAll()} and then {@link #joinNext()}
     * until the set is empty, with the outcomes dropped. When it completes, no task of the set
     * runs any more (their {@code finally} blocks ran) and the set is empty; it stays open, so
     * new tasks may be spawned in it. A task that finished before the abort is joined and its
     * value or failure dropped too (a failure is not reported as unjoined).
     *
     * <p>The tasks are aborted at the first poll, not when this method is called (futures are
     * lazy). A task that swallows its cancellation and keeps running keeps this future waiting.
     *
     * <p><b>Cancel safety:</b> cancel-safe: the tasks stay aborted, and those not joined yet stay
     * in the set (joining them gives {@link JoinError}, or their value if they finished first).
     *
     * {@snippet class=dev.weft.snippets.JoinSetSnippets region=shutdown}
     *
     * @return the future of the shutdown; completes with {@code null}
     */
    public UncheckedFuture<Void> shutdown() {
        return this.<Void>drain(this::abortAll, o -> null, () -> null)::poll; // never fails: no checked failure to declare
    }

    /** {@return how many tasks are in the set (finished but not joined ones included)} */
    public int len() {
        return entries.size();
    }

    /** {@return whether the set holds no task} */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Aborts every task still in the set and forgets them; the set is then empty and closed
     * (spawning throws). The tasks are cancelled on their runtime before their next poll, so a
     * coroutine sees {@code CancelledException} and its {@code finally} blocks run. Idempotent.
     *
     * <p><b>Called from a coroutine</b> (a try-with-resources block in a task's body), it also
     * waits until the aborted tasks have ended, for up to {@link #CLOSE_WAIT}, even if that
     * coroutine is itself cancelled ({@code Async.nonCancellable}): so when an aborted parent's
     * {@code JoinHandle} completes, its children have stopped too, and nothing they do comes
     * after it. A task that outlives the wait (it swallows its cancellation) stays aborted and
     * is forgotten; so is every task when the runtime shuts down or has no timer. Elsewhere (a
     * plain thread, a poll-based task) it aborts without waiting.
     */
    @Override
    public void close() {
        boolean first = !closed;
        closed = true;
        if (first && !entries.isEmpty() && canWaitForTasks()) {
            try {
                NonCancellable.run(CLOSE_WAIT, () -> shutdown().await());
            } catch (Exception e) {
                // the wait timed out or the runtime shuts down: forget the rest below, aborted
            }
        }
        abortAll();
        for (Entry<T> e : entries) {
            e.removed = true;
            e.handle.cancel(); // detaches the handle's join registration
        }
        entries.clear();
        ready.clear();
    }

    /** @return whether {@link #close()} may wait: it runs in a coroutine, on a runtime with a timer */
    private static boolean canWaitForTasks() {
        RuntimeContext rc = RuntimeContext.current();
        return rc != null && NonCancellable.inCoroutine() && rc.timeDriverOrNull() != null;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this JoinSet is closed");
        }
    }

    @Override
    public String toString() {
        return "JoinSet[len=" + entries.size() + "]";
    }

    /** One task of the set, and the context its handle is polled with. */
    private static final class Entry<T> implements Waker, Context {
        final JoinSet<T> set;
        final JoinHandle<T> handle;
        final AtomicBoolean queued = new AtomicBoolean();
        boolean removed; // owner only

        Entry(JoinSet<T> set, JoinHandle<T> handle) {
            this.set = set;
            this.handle = handle;
        }

        @Override
        public void wake() {
            if (queued.compareAndSet(false, true)) {
                set.ready.offer(this);
                Waker w = set.joinWaker; // after the offer: pairs with the write in pollNext
                if (w != null) {
                    w.wake();
                }
            }
        }

        @Override
        public Waker waker() {
            return this;
        }
    }
}
