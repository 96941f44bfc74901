package dev.weft.io.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The segment an epoll registration keeps for the last buffer region it read into or wrote from. */
class BufferSegmentTest {

    @Test
    void anEntryCoversOnlyTheSameBufferAndRegion() {
        ByteBuffer buf = ByteBuffer.allocate(64);
        buf.position(8).limit(40);
        BufferSegment e = BufferSegment.of(buf);
        assertEquals(32, e.segment().byteSize(), "the segment is the region from position to limit");
        assertTrue(e.covers(buf));
        buf.position(9);
        assertFalse(e.covers(buf), "another position");
        buf.position(8).limit(41);
        assertFalse(e.covers(buf), "another limit");
        buf.limit(40);
        assertTrue(e.covers(buf), "the region again");
        ByteBuffer twin = ByteBuffer.allocate(64).position(8).limit(40);
        assertFalse(e.covers(twin), "another buffer with the same region");
    }

    @Test
    void theSegmentIsTheBuffersMemory() {
        ByteBuffer heap = ByteBuffer.allocate(16).position(4);
        BufferSegment h = BufferSegment.of(heap);
        h.segment().set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 42);
        assertEquals(42, heap.get(4), "a write through the segment lands at the buffer's position");
        ByteBuffer direct = ByteBuffer.allocateDirect(16).position(2);
        BufferSegment d = BufferSegment.of(direct);
        d.segment().set(java.lang.foreign.ValueLayout.JAVA_BYTE, 1, (byte) 7);
        assertEquals(7, direct.get(3));
    }
}
