package dev.weft.io.reactor;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The memory segment of one buffer region (a buffer's position to its limit), kept by an epoll
 * registration per direction so a read or write loop that reuses its buffer reuses the segment.
 * {@code MemorySegment.ofBuffer} makes a segment (and, for a heap buffer, a session) per call,
 * which C2 removes only when the whole read path is compiled into one method: a coroutine's
 * re-poll compiled under load allocated about 40 B per read. With this entry, the steady state
 * allocates nothing whatever the JIT does.
 *
 * <p>Immutable: a registration swaps the whole entry, so a reader that reads the reference once
 * sees a buffer, a region and a segment that belong together, even if a stream is misused from
 * two threads. A region that changed (another buffer, position or limit) makes a new entry.
 */
record BufferSegment(ByteBuffer buf, int position, int limit, MemorySegment segment) {
    /** @return whether this entry's segment is {@code b}'s region now */
    boolean covers(ByteBuffer b) {
        return buf == b && position == b.position() && limit == b.limit();
    }

    /** {@return an entry for {@code b}'s region now} */
    static BufferSegment of(ByteBuffer b) {
        return new BufferSegment(b, b.position(), b.limit(), MemorySegment.ofBuffer(b));
    }
}
