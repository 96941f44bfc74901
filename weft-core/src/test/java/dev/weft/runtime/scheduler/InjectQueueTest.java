package dev.weft.runtime.scheduler;

import static dev.weft.runtime.scheduler.QueueTasks.assertRejects;
import static dev.weft.runtime.scheduler.QueueTasks.drain;
import static dev.weft.runtime.scheduler.QueueTasks.id;
import static dev.weft.runtime.scheduler.QueueTasks.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InjectQueueTest {

    @Test
    void popsInPushOrderAndGrowsWhileWrapped() {
        var q = new InjectQueue(4);
        assertNull(q.pop());
        assertTrue(q.isEmpty());
        for (int i = 1; i <= 3; i++) {
            assertTrue(q.push(task(i)));
        }
        assertEquals(1, id(q.pop()));
        assertEquals(2, id(q.pop()));
        for (int i = 4; i <= 10; i++) { // wraps the ring of 4, then grows it twice
            assertTrue(q.push(task(i)));
        }
        assertEquals(8, q.len());
        assertFalse(q.isEmpty());
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10), drain(q));
        assertEquals(0, q.len());
    }

    @Test
    void pushBatchQueuesThePrefixInOrder() {
        var q = new InjectQueue(2);
        q.push(task(0));
        Runnable[] batch = {task(1), task(2), task(3), task(4)};
        assertTrue(q.pushBatch(batch, 3));
        assertEquals(4, q.len());
        assertEquals(List.of(0, 1, 2, 3), drain(q));
        assertThrows(IndexOutOfBoundsException.class, () -> q.pushBatch(batch, 5));
        assertThrows(NullPointerException.class, () -> q.pushBatch(new Runnable[] {task(1), null}, 2));
        assertTrue(q.isEmpty(), "a rejected batch queues nothing");
    }

    @Test
    void closeRefusesPushesButKeepsQueuedTasks() {
        var q = new InjectQueue(4);
        q.push(task(1));
        assertFalse(q.isClosed());
        q.close();
        q.close();
        assertTrue(q.isClosed());
        assertFalse(q.push(task(2)));
        assertFalse(q.pushBatch(new Runnable[] {task(3)}, 1));
        assertEquals(1, q.len());
        assertEquals(List.of(1), drain(q));
    }

    @Test
    void popIntoReturnsTheFirstAndQueuesTheRestLocally() {
        var q = new InjectQueue(4);
        for (int i = 1; i <= 3; i++) {
            q.push(task(i));
        }
        q.pop();
        q.pop();
        for (int i = 4; i <= 6; i++) { // the ring now wraps: [3 4 | 5 6] stored as 5 6 3 4
            q.push(task(i));
        }
        var local = new LocalQueue(8);
        assertEquals(3, id(q.popInto(local, 3)));
        assertEquals(List.of(4, 5), drain(local));
        assertEquals(List.of(6), drain(q));
        assertNull(q.popInto(local, 3));
    }

    @Test
    void popIntoTakesNoMoreThanFitsLocally() {
        var q = new InjectQueue(8);
        for (int i = 1; i <= 8; i++) {
            q.push(task(i));
        }
        var local = new LocalQueue(4);
        local.pushBackBatch(new Runnable[] {task(100), task(101)}, 0, 2);
        assertEquals(1, id(q.popInto(local, 8)));
        assertEquals(5, q.len());
        assertEquals(List.of(100, 101, 2, 3), drain(local));
        assertEquals(4, id(q.popInto(local, 1)));
        assertTrue(local.isEmpty());
        assertRejects("max", () -> q.popInto(local, 0));
    }

    @Test
    void takesOverflowFromALocalQueue() {
        var q = new InjectQueue(2);
        var local = new LocalQueue(4);
        for (int i = 1; i <= 5; i++) {
            local.pushBack(task(i), q);
        }
        assertEquals(List.of(1, 2, 5), drain(q));
        assertEquals(List.of(3, 4), drain(local));
    }

    @Test
    void nullTaskIsRejected() {
        assertThrows(NullPointerException.class, () -> new InjectQueue(1).push(null));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, (1 << 30) + 1})
    void badInitialCapacityIsRejected(int capacity) {
        assertRejects("initialCapacity", () -> new InjectQueue(capacity));
    }
}
