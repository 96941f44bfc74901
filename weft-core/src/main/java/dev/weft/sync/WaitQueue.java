package dev.weft.sync;

import dev.weft.future.Waker;
import java.util.ArrayList;

/**
 * The one waiter list of {@code dev.weft.sync}: an intrusive FIFO whose nodes are the waiting
 * futures themselves (or a node a receiver keeps for its waker), so queueing a waiter allocates
 * nothing beyond the future.
 *
 * <p>Every primitive that parks futures uses it: the locks and permits (semaphore, mutex),
 * notify, cancellation token and barrier queue their waiting futures; the channels queue a
 * bounded mpsc's senders waiting for a slot, and broadcast and watch receivers waiting for a
 * message or a change.
 *
 * <h2>Implementation notes</h2>
 *
 * <p><b>Threads.</b> Not thread-safe on its own: every method is called with the owning
 * primitive's lock held, and so are reads and writes of a queued node's fields. A node is in at
 * most one list at a time ({@link #addLast} refuses a queued node).
 *
 * <p><b>Fairness</b> is the owner's: the list only keeps arrival order ({@link #addLast},
 * {@link #peekFirst}, {@link #pollFirst}), and the owner decides whom it serves and when.
 *
 * <p><b>Cancellation</b> needs removal of any node in O(1): {@link #remove} unlinks it wherever
 * it is and is a no-op for a node not queued, so a cancel that races the hand-over (the node was
 * just taken off by a releaser) is told which of the two happened. What the waiter was handed
 * (permits, a slot, a lock, a notification) is given back or passed on by the owner; the list
 * loses no node and no waker.
 *
 * <p><b>Wake-ups</b> never run under the owner's lock: wakers are moved into a {@link WakeList}
 * under it and woken after it is released, so a wake-up never runs scheduler code while a
 * primitive's lock is held.
 *
 * @param <N> the node type
 */
final class WaitQueue<N extends WaitQueue.Node> {
    /**
     * A queue entry. Extend it to carry a waiter's own state, or use it as it is for a waiter
     * that needs nothing but its waker. Fields are guarded by the owner's lock.
     */
    static class Node {
        private Node prev;
        private Node next;
        private boolean queued;
        /** The newest waker of the waiting future (the pending contract). */
        Waker waker;

        /** @return whether the node is in a list */
        final boolean isQueued() {
            return queued;
        }
    }

    private Node head;
    private Node tail;
    private int size;

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }

    /**
     * Appends {@code waiter}.
     *
     * @throws IllegalStateException if it is already queued
     */
    void addLast(N waiter) {
        Node node = waiter; // the links are private to Node: reached through the node type
        if (node.queued) {
            throw new IllegalStateException("node already queued");
        }
        node.queued = true;
        node.prev = tail;
        node.next = null;
        if (tail == null) {
            head = node;
        } else {
            tail.next = node;
        }
        tail = node;
        size++;
    }

    /**
     * @param waiter the node to unlink, wherever it is
     * @return whether it was queued (and is now removed); false, and nothing changes, if not
     */
    boolean remove(N waiter) {
        Node node = waiter;
        if (!node.queued) {
            return false;
        }
        if (node.prev == null) {
            head = node.next;
        } else {
            node.prev.next = node.next;
        }
        if (node.next == null) {
            tail = node.prev;
        } else {
            node.next.prev = node.prev;
        }
        node.prev = null;
        node.next = null;
        node.queued = false;
        size--;
        return true;
    }

    /** @return the first node, still queued, or null if there is none */
    @SuppressWarnings("unchecked") // only Ns are added
    N peekFirst() {
        return (N) head;
    }

    /** @return the first node, removed, or null if there is none */
    N pollFirst() {
        N first = peekFirst();
        if (first != null) {
            remove(first);
        }
        return first;
    }

    /** Removes every node, moving their wakers into {@code wake} in queue order. */
    void drainTo(WakeList wake) {
        wake.reserve(size);
        N n;
        while ((n = pollFirst()) != null) {
            wake.take(n);
        }
    }

    /** Wakes {@code w} if it is not null; call with no lock held. */
    static void wake(Waker w) {
        if (w != null) {
            w.wake();
        }
    }

    /**
     * Wakers collected under a lock and woken after it is released, so a wake-up never runs
     * scheduler code while a primitive's lock is held. The common case, one waker, allocates
     * nothing beyond this object.
     */
    static final class WakeList {
        private Waker first;
        private ArrayList<Waker> rest;

        /** @param node a node just taken off the queue; its waker is moved here */
        void take(Node node) {
            Waker w = node.waker;
            node.waker = null;
            add(w);
        }

        void add(Waker w) {
            if (w == null) {
                return;
            }
            if (first == null) {
                first = w;
            } else {
                if (rest == null) {
                    rest = new ArrayList<>();
                }
                rest.add(w);
            }
        }

        /** Makes room for {@code n} more wakers at once, so a drain of a long list grows nothing. */
        private void reserve(int n) {
            int more = first == null ? n - 1 : n;
            if (more > 0) {
                if (rest == null) {
                    rest = new ArrayList<>(more);
                } else {
                    rest.ensureCapacity(rest.size() + more);
                }
            }
        }

        /** Wakes everything collected, in the order collected; call with no lock held. */
        void wakeAll() {
            if (first != null) {
                first.wake();
            }
            if (rest != null) {
                for (Waker w : rest) {
                    w.wake();
                }
            }
        }
    }
}
