package dev.weft.sync;

import dev.weft.future.Waker;

/**
 * A FIFO list of waiting futures for the channels, intrusive (a waiter is its own node, so
 * queueing allocates nothing). Not thread-safe: every method is called with the owning
 * channel's lock held. Wakers are handed back to the caller, who wakes them after unlocking.
 *
 * <p>Kept separate from the locks' waiter queue on purpose, so the two can be unified later.
 */
final class ChannelWaiters {
    /** A waiter: the newest waker of the task that waits, and its links. */
    static class Node {
        Waker waker;
        /** A bounded mpsc slot (or other resource) was handed to this waiter by its releaser. */
        boolean granted;
        private Node prev;
        private Node next;
        private boolean queued;

        /** @return whether the node is in a list */
        final boolean isQueued() {
            return queued;
        }
    }

    private Node head;
    private Node tail;

    boolean isEmpty() {
        return head == null;
    }

    /** Appends {@code n}, which must not be queued. */
    void add(Node n) {
        n.queued = true;
        n.prev = tail;
        n.next = null;
        if (tail == null) {
            head = n;
        } else {
            tail.next = n;
        }
        tail = n;
    }

    /** Removes {@code n} if it is queued. */
    void remove(Node n) {
        if (!n.queued) {
            return;
        }
        if (n.prev == null) {
            head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = null;
        n.next = null;
        n.queued = false;
    }

    /** @return the first waiter, still queued, or null if there is none */
    Node peek() {
        return head;
    }

    /** @return the first waiter, removed, or null if there is none */
    Node poll() {
        Node n = head;
        if (n != null) {
            remove(n);
        }
        return n;
    }

    /**
     * Removes every waiter and collects their wakers.
     *
     * @return the wakers, in queue order (possibly empty)
     */
    Waker[] drain() {
        int count = 0;
        for (Node n = head; n != null; n = n.next) {
            count++;
        }
        Waker[] wakers = new Waker[count];
        for (int i = 0; i < count; i++) {
            wakers[i] = poll().waker;
        }
        return wakers;
    }

    /** Wakes each non-null waker; call without the lock. */
    static void wakeAll(Waker[] wakers) {
        for (Waker w : wakers) {
            wake(w);
        }
    }

    /** Wakes {@code w} if it is not null; call without the lock. */
    static void wake(Waker w) {
        if (w != null) {
            w.wake();
        }
    }
}
