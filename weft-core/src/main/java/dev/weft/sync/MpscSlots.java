package dev.weft.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Where an {@link MpscChannel} keeps its messages: one slot per message index. Producers claim
 * indexes from the channel's word (so the channel, not the slots, decides who writes where and
 * that nothing is overwritten); the one consumer reads them in index order.
 *
 * <p>Two layouts: {@link Ring}, a fixed array for bounded channels of up to
 * {@link #RING_MAX} messages (a slot is reused once its message was received: no allocation in
 * steady state), and {@link Linked}, segments of {@link Linked#SEGMENT} slots linked as they are
 * needed, for unbounded and large bounded channels (consumed segments are left to the GC). Tests
 * shrink the segments and start the indexes just below their wrap.
 *
 * <p><b>Protocol.</b> A producer calls {@link #hint()} <em>before</em> it claims its index and
 * passes the result to {@link #store}; the consumer calls {@link #load} and {@link #clear} for
 * the index it is at, in order. Indexes count modulo 2<sup>{@value #INDEX_BITS}</sup> (the
 * channel's word has that many bits for them); every distance is taken modulo that too, which
 * is exact because the live indexes span far less.
 */
abstract class MpscSlots {
    static final int INDEX_BITS = 40;
    static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    /** The largest capacity kept in a {@link Ring}. */
    static final int RING_MAX = 4096;

    static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(Object[].class);

    static MpscSlots forCapacity(int capacity) {
        return capacity <= RING_MAX ? new Ring(capacity) : new Linked(Linked.SEGMENT, 0);
    }

    /** @return what {@link #store} needs to find the slot of an index claimed after this call */
    abstract Object hint();

    /**
     * Publishes {@code item} at {@code index}, which the caller claimed. Release store: the
     * whole message is visible to the consumer's load that sees it. (The wake-up protocol
     * orders the claim, not this store, against the receiver's waker.)
     */
    abstract void store(Object hint, long index, Object item);

    /**
     * Consumer only. Acquire load: pairs with {@link #store}.
     *
     * @return the message at {@code index}, or null if it is not stored yet
     */
    abstract Object load(long index);

    /** Consumer only: forgets the message at {@code index}, which was loaded. */
    abstract void clear(long index);

    /** A power-of-two array; the channel never lets more than its capacity be claimed. */
    static final class Ring extends MpscSlots {
        private final Object[] items;
        private final int mask;

        Ring(int capacity) {
            int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1);
            items = new Object[size];
            mask = size - 1;
        }

        @Override
        Object hint() {
            return null;
        }

        @Override
        void store(Object hint, long index, Object item) {
            ELEMENT.setRelease(items, (int) index & mask, item); // pairs with load's getAcquire
        }

        @Override
        Object load(long index) {
            return ELEMENT.getAcquire(items, (int) index & mask); // pairs with store: the whole message
        }

        @Override
        void clear(long index) {
            // Plain: the channel's later volatile store of its head index publishes it before
            // any producer may claim this slot again.
            items[(int) index & mask] = null;
        }
    }

    /** Segments linked as producers need them; the consumer walks them and drops them behind it. */
    static final class Linked extends MpscSlots {
        static final int SEGMENT = 64;

        private static final VarHandle TAIL;
        private static final VarHandle NEXT;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                TAIL = l.findVarHandle(Linked.class, "tail", Segment.class);
                NEXT = l.findVarHandle(Segment.class, "next", Segment.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** A hint only ever moved forward to a segment some producer claimed an index in. */
        @SuppressWarnings("unused") // through TAIL
        private volatile Segment tail;
        /** Consumer only: the segment of the consumer's index. */
        private Segment head;
        private final int segment;

        /**
         * @param segment slots per segment
         * @param start the first index (the channel's word starts there too)
         */
        Linked(int segment, long start) {
            this.segment = segment;
            head = new Segment(start & INDEX_MASK, segment);
            tail = head;
        }

        static final class Segment {
            final long start;
            final Object[] items;
            @SuppressWarnings("unused") // through NEXT
            volatile Segment next;

            Segment(long start, int size) {
                this.start = start;
                this.items = new Object[size];
            }
        }

        @Override
        Object hint() {
            // Acquire: read before the claim, so its start is at most the index claimed after.
            return TAIL.getAcquire(this);
        }

        @Override
        void store(Object hint, long index, Object item) {
            Segment s = (Segment) hint;
            while (((index - s.start) & INDEX_MASK) >= segment) {
                Segment next = (Segment) NEXT.getAcquire(s); // pairs with the CAS that linked it
                if (next == null) {
                    Segment fresh = new Segment((s.start + segment) & INDEX_MASK, segment);
                    // Release CAS: the fresh segment is complete before anyone reaches it.
                    next = NEXT.compareAndSet(s, null, fresh) ? fresh : (Segment) NEXT.getAcquire(s);
                }
                s = next;
            }
            Segment t = (Segment) hint;
            if (s != t) {
                TAIL.compareAndSet(this, t, s); // forward only: t was read before our claim
            }
            ELEMENT.setRelease(s.items, (int) ((index - s.start) & INDEX_MASK), item); // as in Ring.store
        }

        @Override
        Object load(long index) {
            Segment s = head;
            if (((index - s.start) & INDEX_MASK) >= segment) {
                Segment next = (Segment) NEXT.getAcquire(s); // pairs with the CAS that linked it
                if (next == null) {
                    return null; // its producer has not linked it yet
                }
                head = next; // the one behind is garbage once the tail hint moved on too
                s = next;
            }
            return ELEMENT.getAcquire(s.items, (int) ((index - s.start) & INDEX_MASK)); // as in Ring.load
        }

        @Override
        void clear(long index) {
            head.items[(int) ((index - head.start) & INDEX_MASK)] = null; // only for the GC: slots are not reused
        }
    }
}
