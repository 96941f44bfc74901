package dev.weft.examples.redis;

import dev.weft.future.Select;
import dev.weft.sync.CancellationToken;
import dev.weft.sync.Notify;
import dev.weft.time.Time;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The deadlines of the keys that have one, in order, and the task that reclaims each key at its
 * deadline: it sleeps on the runtime's timer until the earliest deadline, or until a new key
 * comes first ({@link Notify}), so nothing is scanned (Tokio mini-redis's purge task).
 *
 * <p><b>Implementation notes.</b> A {@link TreeSet} ordered by (deadline, sequence) behind a
 * lock held for a few field updates and no await; a key's node is removed when the key is
 * overwritten or deleted, so the set holds live deadlines only (two racing writers of one key may
 * leave a stale node, which is dropped harmlessly at its deadline: {@code expire} checks the
 * node is still the key's). Nodes due are taken under the lock and expired after it, so the
 * map's locks are never taken inside this one: the lock order is map, then queue.
 */
final class ExpiryQueue {
    /** One key's deadline. Identity matters: the key's entry points at its node. */
    static final class Node implements Comparable<Node> {
        final Instant at;
        final String key;
        final long seq;

        Node(Instant at, String key, long seq) {
            this.at = at;
            this.key = key;
            this.seq = seq;
        }

        @Override
        public int compareTo(Node o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final TreeSet<Node> nodes = new TreeSet<>();
    private final Notify earlier = new Notify();
    private long seq;

    /** {@return a node for {@code key} at {@code at}, queued} */
    Node add(String key, Instant at) {
        boolean first;
        Node n;
        lock.lock();
        try {
            n = new Node(at, key, seq++);
            nodes.add(n);
            first = nodes.first() == n;
        } finally {
            lock.unlock();
        }
        if (first) {
            earlier.notifyOne(); // stored as a permit if the task is not waiting yet
        }
        return n;
    }

    void remove(Node n) {
        lock.lock();
        try {
            nodes.remove(n);
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return nodes.size();
        } finally {
            lock.unlock();
        }
    }

    /** Reclaims each key at its deadline through {@code expire} until {@code stop} is cancelled. */
    Void run(CancellationToken stop, Consumer<Node> expire) throws Exception {
        List<Node> due = new ArrayList<>();
        while (!stop.isCancelled()) {
            Instant next;
            Instant now = Time.now();
            lock.lock();
            try {
                while (!nodes.isEmpty() && !nodes.first().at.isAfter(now)) {
                    due.add(nodes.pollFirst());
                }
                next = nodes.isEmpty() ? null : nodes.first().at;
            } finally {
                lock.unlock();
            }
            due.forEach(expire);
            due.clear();
            var select = Select.<Boolean>builder()
                    .on(earlier.notified(), x -> true)
                    .on(stop.cancelled(), x -> false);
            if (next != null) {
                select.on(Time.sleepUntil(next), x -> true);
            }
            select.build().await();
        }
        return null;
    }
}
