package dev.weft.sync;

import dev.weft.future.Waker;
import java.util.ArrayList;

/**
 * An intrusive FIFO of waiters: the nodes are the waiting futures themselves, so queueing a
 * waiter allocates nothing beyond the future. Not thread-safe on its own: every method is called
 * with the owning primitive's lock held, and so are reads and writes of a node's fields.
 *
 * <p>Shared by every primitive of {@code dev.weft.sync} that parks futures in FIFO order
 * (semaphore, notify, cancellation token, barrier); removal of any node is O(1), which is what
 * cancellation needs.
 *
 * @param <N> the node type
 */
final class WaitQueue<N extends WaitQueue.Node> {
    /** A queue entry. Fields are guarded by the owner's lock. */
    abstract static class Node {
        Node prev;
        Node next;
        boolean queued;
        /** The newest waker of the waiting future (the pending contract). */
        Waker waker;
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

    void addLast(N node) {
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
     * @param node the node
     * @return whether it was queued (and is now removed)
     */
    boolean remove(N node) {
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

    @SuppressWarnings("unchecked")
    N peekFirst() {
        return (N) head;
    }

    N pollFirst() {
        N first = peekFirst();
        if (first != null) {
            remove(first);
        }
        return first;
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

        /** Wakes everything collected; call with no lock held. */
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
