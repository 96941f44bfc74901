package dev.weft.runtime.scheduler;

import dev.weft.future.Future;
import dev.weft.future.internal.ShortLock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The tasks a scheduler owns (tokio's {@code task/list.rs}): every task spawned and not yet
 * completed, so shutdown can cancel them and the task dump can list them; the task ids; and the
 * closed bit after which nothing more is spawned.
 *
 * <p>Implementation notes. The list is intrusive (its links are {@link Task#prevOwned} and
 * {@link Task#nextOwned}, newest first), so binding a task allocates nothing beyond it. One
 * {@link ShortLock} guards the links, the count, the next id and the closed bit: a spin lock, not
 * a monitor, because coroutines spawn too. Binding checks the bit under the lock, so a task is
 * either refused or in the list when {@link #close()} returns, and shutdown's snapshot sees it.
 */
final class OwnedTasks {
    private final ShortLock lock = new ShortLock();
    private Task<?> head;
    private int alive;
    /** The next task id (tasks and blocking tasks share them). */
    private long nextId = 1;
    /** Written under the lock; volatile so {@link #isClosed()} needs no lock. */
    private volatile boolean closed;

    /** @return a new task id, unique within the runtime */
    long newId() {
        lock.lock();
        try {
            return nextId++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Creates the task of {@code future} and adds it to the list.
     *
     * @param owner the scheduler that will run it
     * @param future its future
     * @param name its name, or null
     * @param <T> its output type
     * @return the task, not yet scheduled
     * @throws IllegalStateException if the list is closed (the runtime shut down)
     */
    <T> Task<T> bind(TaskHost owner, Future<T> future, String name) {
        return bind(owner, future, null, name);
    }

    /**
     * Creates the task of a coroutine that its first run makes from {@code body}, and adds it.
     *
     * @param owner the scheduler that will run it
     * @param body the coroutine's code
     * @param name its name, or null
     * @param <T> its output type
     * @return the task, not yet scheduled
     * @throws IllegalStateException if the list is closed (the runtime shut down)
     */
    <T> Task<T> bindCoroutine(TaskHost owner, Callable<T> body, String name) {
        return bind(owner, null, body, name);
    }

    private <T> Task<T> bind(TaskHost owner, Future<T> future, Callable<T> body, String name) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("this Weft runtime is shut down: it cannot spawn new tasks");
            }
            Task<T> t = body != null ? new Task<>(owner, body, nextId++, name) : new Task<>(owner, future, nextId++, name);
            Task<?> h = head;
            t.nextOwned = h;
            if (h != null) {
                h.prevOwned = t;
            }
            head = t;
            alive++;
            return t;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes a completed task; called once per task.
     *
     * @param t the task
     * @return whether it was the last alive one
     */
    boolean remove(Task<?> t) {
        lock.lock();
        try {
            Task<?> p = t.prevOwned;
            Task<?> n = t.nextOwned;
            if (p != null) {
                p.nextOwned = n;
            } else if (head == t) {
                head = n;
            }
            if (n != null) {
                n.prevOwned = p;
            }
            t.prevOwned = null;
            t.nextOwned = null;
            return --alive == 0;
        } finally {
            lock.unlock();
        }
    }

    /** @return tasks alive now (bound, not completed) */
    int alive() {
        lock.lock();
        try {
            return alive;
        } finally {
            lock.unlock();
        }
    }

    /** @return the alive tasks, newest first; the lock is held only to copy the list */
    List<Task<?>> snapshot() {
        List<Task<?>> out = new ArrayList<>();
        lock.lock();
        try {
            for (Task<?> t = head; t != null; t = t.nextOwned) {
                out.add(t);
            }
        } finally {
            lock.unlock();
        }
        return out;
    }

    /** @return whether this call closed the list (false: it was closed already) */
    boolean close() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true; // volatile write under the lock: bind checks it under the same lock
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the list is closed */
    boolean isClosed() {
        return closed; // volatile read: pairs with the write in close()
    }
}
