package dev.weft.runtime.scheduler;

import static dev.weft.runtime.scheduler.QueueTasks.assertRejects;
import static dev.weft.runtime.scheduler.QueueTasks.claimAsStealer;
import static dev.weft.runtime.scheduler.QueueTasks.drain;
import static dev.weft.runtime.scheduler.QueueTasks.finishSteal;
import static dev.weft.runtime.scheduler.QueueTasks.id;
import static dev.weft.runtime.scheduler.QueueTasks.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.scheduler.QueueTasks.RecordingOverflow;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalQueueTest {
    private final RecordingOverflow overflow = new RecordingOverflow();

    private void push(LocalQueue q, int... ids) {
        for (int id : ids) {
            assertTrue(q.pushBack(task(id), overflow));
        }
    }

    @Test
    void popsInPushOrder() {
        var q = new LocalQueue(8);
        assertNull(q.pop());
        push(q, 1, 2, 3);
        assertEquals(3, q.len());
        assertEquals(1, id(q.pop()));
        push(q, 4);
        assertEquals(List.of(2, 3, 4), drain(q));
        assertNull(q.pop());
        assertTrue(q.isEmpty());
        assertEquals(List.of(), overflow.all());
    }

    @Test
    void lenIsEmptyHasTasksAndCapacity() {
        var q = new LocalQueue(4);
        assertEquals(4, q.capacity());
        assertTrue(q.isEmpty());
        assertFalse(q.hasTasks());
        push(q, 1, 2);
        assertEquals(2, q.len());
        assertFalse(q.isEmpty());
        assertTrue(q.hasTasks());
        assertEquals(256, new LocalQueue(LocalQueue.DEFAULT_CAPACITY).capacity());
    }

    @Test
    void overflowMovesTheOlderHalfPlusTheTaskAtCapacity4() {
        var q = new LocalQueue(4);
        push(q, 1, 2, 3, 4);
        assertEquals(List.of(), overflow.batches);
        push(q, 5);
        assertEquals(List.of(List.of(1, 2, 5)), overflow.batches);
        assertEquals(2, q.len());
        push(q, 6, 7);
        assertEquals(List.of(3, 4, 6, 7), drain(q));
    }

    @Test
    void overflowMovesTheOlderHalfPlusTheTaskAtCapacity8() {
        var q = new LocalQueue(8);
        push(q, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertEquals(List.of(List.of(1, 2, 3, 4, 9)), overflow.batches);
        assertEquals(List.of(5, 6, 7, 8), drain(q));
        assertTrue(Arrays.stream(QueueTasks.slots(q)).allMatch(Objects::isNull), "taken slots cleared");
    }

    @Test
    void pushIntoAClosedOverflowReportsIt() {
        var q = new LocalQueue(2);
        push(q, 1, 2);
        overflow.closed = true;
        assertFalse(q.pushBack(task(3), overflow));
        assertEquals(List.of(2), drain(q));
    }

    @Test
    void fullDuringAStealSendsOnlyTheNewTaskToOverflow() {
        var q = new LocalQueue(4);
        push(q, 1, 2, 3, 4);
        claimAsStealer(q, 2); // a stealer holds 1 and 2 and is copying them out
        assertEquals(2, q.len());
        push(q, 5);
        assertEquals(List.of(List.of(5)), overflow.batches);
        finishSteal(q);
        push(q, 6, 7);
        assertEquals(List.of(3, 4, 6, 7), drain(q));
    }

    @Test
    void ownerPopsWhileAStealIsInProgress() {
        var q = new LocalQueue(8);
        push(q, 1, 2, 3, 4, 5);
        claimAsStealer(q, 3);
        var other = new LocalQueue(8);
        assertNull(q.stealInto(other), "a second stealer backs off");
        assertEquals(4, id(q.pop()));
        assertEquals(5, id(q.pop()));
        assertNull(q.pop());
        // The claimed slots stay reserved until the stealer finishes: 3 slots are not reusable.
        push(q, 6, 7, 8, 9);
        assertEquals(List.of(List.of(9)), overflow.batches);
        finishSteal(q);
        push(q, 11);
        assertEquals(List.of(6, 7, 8, 11), drain(q));
    }

    @Test
    void stealTakesHalfRoundedUpAndReturnsOne() {
        var src = new LocalQueue(8);
        var dst = new LocalQueue(8);
        push(src, 1, 2, 3, 4, 5);
        assertEquals(3, id(src.stealInto(dst)), "the last of the stolen batch runs now");
        assertEquals(List.of(1, 2), drain(dst));
        assertEquals(List.of(4, 5), drain(src));
    }

    @Test
    void stealOfOneTaskReturnsItAndQueuesNothing() {
        var src = new LocalQueue(4);
        var dst = new LocalQueue(4);
        push(src, 1);
        assertEquals(1, id(src.stealInto(dst)));
        assertTrue(dst.isEmpty());
        assertTrue(src.isEmpty());
    }

    @Test
    void stealFromEmptyReturnsNull() {
        var src = new LocalQueue(4);
        var dst = new LocalQueue(4);
        assertNull(src.stealInto(dst));
        push(src, 1);
        src.pop();
        assertNull(src.stealInto(dst));
        assertTrue(dst.isEmpty());
    }

    @Test
    void stealIsCappedByTheRoomInDst() {
        var src = new LocalQueue(8);
        var dst = new LocalQueue(4);
        push(src, 1, 2, 3, 4, 5, 6, 7, 8);
        push(dst, 100, 101);
        assertEquals(2, id(src.stealInto(dst)), "room for 2 of the 4");
        assertEquals(List.of(100, 101, 1), drain(dst));
        push(dst, 102, 103, 104, 105);
        assertNull(src.stealInto(dst), "dst full");
        assertEquals(List.of(3, 4, 5, 6, 7, 8), drain(src));
    }

    @Test
    void stealIntoItselfIsRejected() {
        var q = new LocalQueue(4);
        assertRejects("dst", () -> q.stealInto(q));
    }

    @Test
    void pushBackBatchQueuesInOrderAndChecksRoom() {
        var q = new LocalQueue(4);
        Runnable[] tasks = {task(1), task(2), task(3), task(4), task(5)};
        q.pushBackBatch(tasks, 1, 3);
        assertEquals(1, q.remainingSlots());
        assertThrows(IllegalStateException.class, () -> q.pushBackBatch(tasks, 0, 2));
        q.pushBackBatch(tasks, 0, 0);
        assertEquals(List.of(2, 3, 4), drain(q));
        assertEquals(4, q.remainingSlots());
    }

    @Test
    void nullTaskIsRejected() {
        var q = new LocalQueue(4);
        assertThrows(NullPointerException.class, () -> q.pushBack(null, overflow));
    }

    /** Positions start just before the signed and the unsigned 32-bit wrap. */
    @ParameterizedTest
    @ValueSource(ints = {0, Integer.MAX_VALUE - 2, -3})
    void indicesWrapAround(int start) {
        var q = new LocalQueue(4, start);
        var dst = new LocalQueue(4, start - 1);
        int next = 1;
        for (int round = 0; round < 6; round++) { // crosses the wrap several ways
            for (int i = 0; i < 6; i++) { // the fifth push overflows [a, a+1, a+4]
                push(q, next++);
            }
            assertEquals(3, q.len()); // [a+2, a+3, a+5]
            Runnable stolen = q.stealInto(dst); // takes a+2 and a+3, returns a+3
            assertEquals(1, q.len());
            assertEquals(1, dst.len());
            assertEquals(next - 3, id(stolen));
            assertEquals(List.of(next - 4), drain(dst));
            assertEquals(List.of(next - 1), drain(q));
        }
        assertEquals(6, overflow.batches.size());
        assertEquals(List.of(1, 2, 5), overflow.batches.get(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 6, 12, -4, Integer.MIN_VALUE})
    void badCapacityIsRejected(int capacity) {
        assertRejects("capacity", () -> new LocalQueue(capacity));
    }
}
