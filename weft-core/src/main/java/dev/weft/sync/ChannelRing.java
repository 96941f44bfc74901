package dev.weft.sync;

/**
 * The message buffer of {@link Mpsc}: an array ring that doubles when full, so a steady-state
 * send or receive allocates nothing. Not thread-safe: used under the channel's lock. The bound
 * of a bounded channel is kept by the channel, not here.
 */
final class ChannelRing {
    private Object[] items;
    private int head;
    private int size;

    ChannelRing(int initialCapacity) {
        items = new Object[Math.max(2, initialCapacity)];
    }

    int size() {
        return size;
    }

    void push(Object item) {
        if (size == items.length) {
            grow();
        }
        items[(head + size) % items.length] = item;
        size++;
    }

    /** @return the oldest item, removed; the ring must not be empty */
    Object poll() {
        Object item = items[head];
        items[head] = null; // let the message be collected once received
        head = (head + 1) % items.length;
        size--;
        return item;
    }

    private void grow() {
        Object[] bigger = new Object[items.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = items[(head + i) % items.length];
        }
        items = bigger;
        head = 0;
    }
}
