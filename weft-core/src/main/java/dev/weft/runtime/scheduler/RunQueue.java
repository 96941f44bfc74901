package dev.weft.runtime.scheduler;

import dev.weft.future.internal.SeededRandom;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The queue discipline of the current-thread scheduler's local run queue: which runnable task
 * or coroutine continuation runs next. Chosen once, when the scheduler is built, so the normal
 * runtime pays nothing for the deterministic one (no flag read per spawn or per run).
 * Driving thread only: no method is thread-safe.
 *
 * <ul>
 * <li>{@link #fifo()}: arrival order, an {@link ArrayDeque} (the default).</li>
 * <li>{@link #seeded(SeededRandom)}: each {@link #next()} takes a runnable drawn from the seeded
 *     generator among all those queued, so a seed picks one interleaving of the ready tasks and
 *     the same seed replays it.</li>
 * </ul>
 *
 * {@snippet :
 * RunQueue q = seed.isPresent() ? RunQueue.seeded(new SeededRandom(seed.getAsLong(), SeededRandom.RUN_QUEUE))
 *                               : RunQueue.fifo();
 * q.push(task);
 * Runnable r = q.next();   // null when empty
 * }
 */
abstract sealed class RunQueue permits RunQueue.Fifo, RunQueue.Seeded {

    /** @return the arrival-order queue */
    static RunQueue fifo() {
        return new Fifo();
    }

    /**
     * @param random where each pick is drawn from
     * @return the seeded random-pick queue
     */
    static RunQueue seeded(SeededRandom random) {
        return new Seeded(random);
    }

    /** Queues a runnable. */
    abstract void push(Runnable r);

    /** @return the runnable to run now, taken out, or null if none */
    abstract Runnable next();

    abstract int size();

    final boolean isEmpty() {
        return size() == 0;
    }

    abstract void clear();

    /** Arrival order. */
    static final class Fifo extends RunQueue {
        private final ArrayDeque<Runnable> deque = new ArrayDeque<>(256);

        @Override
        void push(Runnable r) {
            deque.addLast(r);
        }

        @Override
        Runnable next() {
            return deque.pollFirst();
        }

        @Override
        int size() {
            return deque.size();
        }

        @Override
        void clear() {
            deque.clear();
        }
    }

    /**
     * A seeded random pick among everything queued. The pick is O(1): the chosen slot is filled
     * with the last element. That reorders the rest, but the same way for the same seed and the
     * same pushes, which is all replay needs.
     */
    static final class Seeded extends RunQueue {
        private final SeededRandom random;
        private Runnable[] items = new Runnable[64];
        private int size;

        Seeded(SeededRandom random) {
            this.random = random;
        }

        @Override
        void push(Runnable r) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = r;
        }

        @Override
        Runnable next() {
            if (size == 0) {
                return null;
            }
            int i = size == 1 ? 0 : random.nextInt(size); // one runnable: no draw, so idle turns do not shift the stream
            Runnable r = items[i];
            items[i] = items[--size];
            items[size] = null;
            return r;
        }

        @Override
        int size() {
            return size;
        }

        @Override
        void clear() {
            Arrays.fill(items, 0, size, null);
            size = 0;
        }
    }
}
