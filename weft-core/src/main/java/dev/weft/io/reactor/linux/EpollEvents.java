package dev.weft.io.reactor.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An array of {@code struct epoll_event} in native memory, allocated once and reused by every
 * {@code epoll_wait} (and a one-entry array serves an {@code epoll_ctl}). The struct is
 * {@code {uint32_t events; uint64_t data;}}, packed on x86_64 (12 bytes, data at offset 4) and
 * naturally aligned on aarch64 (16 bytes, data at offset 8).
 */
public final class EpollEvents {
    private static final boolean PACKED = !"aarch64".equals(System.getProperty("os.arch"));
    /** The size of one entry. */
    public static final long SIZE = PACKED ? 12 : 16;
    private static final long DATA = PACKED ? 4 : 8;

    private final MemorySegment segment;
    private final int capacity;

    /**
     * @param arena where the array lives
     * @param capacity how many entries
     */
    public EpollEvents(Arena arena, int capacity) {
        this(arena.allocate(SIZE * capacity, 8));
    }

    /** @param segment memory for the array: its size in {@link #SIZE}s is the capacity */
    public EpollEvents(MemorySegment segment) {
        this.segment = segment;
        this.capacity = (int) (segment.byteSize() / SIZE);
    }

    /** @return the array, to pass to {@code epoll_wait} or {@code epoll_ctl} */
    public MemorySegment segment() {
        return segment;
    }

    /** @return how many entries the array holds */
    public int capacity() {
        return capacity;
    }

    /** @return entry {@code i}'s event bits */
    public int events(int i) {
        return segment.get(ValueLayout.JAVA_INT_UNALIGNED, i * SIZE);
    }

    /** @return entry {@code i}'s user data */
    public long data(int i) {
        return segment.get(ValueLayout.JAVA_LONG_UNALIGNED, i * SIZE + DATA);
    }

    /** Sets entry {@code i}. */
    public void set(int i, int events, long data) {
        segment.set(ValueLayout.JAVA_INT_UNALIGNED, i * SIZE, events);
        segment.set(ValueLayout.JAVA_LONG_UNALIGNED, i * SIZE + DATA, data);
    }
}
