package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helpers for the run queues: numbered tasks, a recording overflow, white-box access. */
final class QueueTasks {
    private QueueTasks() {
    }

    /** A task that is only its number. */
    record Numbered(int id) implements Runnable {
        @Override
        public void run() {
        }

        @Override
        public String toString() {
            return "#" + id;
        }
    }

    static Numbered task(int id) {
        return new Numbered(id);
    }

    /** The id of a task, or -1 for null. */
    static int id(Runnable r) {
        return r == null ? -1 : ((Numbered) r).id();
    }

    /** Pops everything the owner can pop, as ids. */
    static List<Integer> drain(LocalQueue q) {
        List<Integer> ids = new ArrayList<>();
        for (Runnable r; (r = q.pop()) != null; ) {
            ids.add(id(r));
        }
        return ids;
    }

    static List<Integer> drain(InjectQueue q) {
        List<Integer> ids = new ArrayList<>();
        for (Runnable r; (r = q.pop()) != null; ) {
            ids.add(id(r));
        }
        return ids;
    }

    /** Asserts that {@code call} throws IllegalArgumentException whose message starts with {@code name}. */
    static void assertRejects(String name, Runnable call) {
        var e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(name + " "), e.getMessage());
    }

    /** An overflow that records each batch (as ids); single pushes are batches of one. */
    static final class RecordingOverflow implements Overflow {
        final List<List<Integer>> batches = new ArrayList<>();
        boolean closed;

        @Override
        public boolean push(Runnable task) {
            return pushBatch(new Runnable[] {task}, 1);
        }

        @Override
        public boolean pushBatch(Runnable[] tasks, int count) {
            if (closed) {
                return false;
            }
            batches.add(Arrays.stream(tasks, 0, count).map(QueueTasks::id).toList());
            return true;
        }

        List<Integer> all() {
            return batches.stream().flatMap(List::stream).toList();
        }
    }

    // ---- white box: fake a stealer that has claimed a batch but not yet finished -----------

    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.privateLookupIn(LocalQueue.class, MethodHandles.lookup())
                    .findVarHandle(LocalQueue.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Claims {@code n} tasks as a stealer would (advances real only); returns the claim mark. */
    static int claimAsStealer(LocalQueue q, int n) {
        long h = (long) HEAD.getVolatile(q);
        int real = (int) h;
        HEAD.setVolatile(q, ((long) real << 32) | ((real + n) & 0xFFFF_FFFFL));
        return real;
    }

    /** Finishes a faked steal: steal = real (the claimed slots are now free). */
    static void finishSteal(LocalQueue q) {
        long h = (long) HEAD.getVolatile(q);
        int real = (int) h;
        HEAD.setVolatile(q, ((long) real << 32) | (real & 0xFFFF_FFFFL));
    }

    /** The ring's slots, to check that taken tasks are not kept alive. */
    static Runnable[] slots(LocalQueue q) {
        try {
            var f = LocalQueue.class.getDeclaredField("buffer");
            f.setAccessible(true);
            return (Runnable[]) f.get(q);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
