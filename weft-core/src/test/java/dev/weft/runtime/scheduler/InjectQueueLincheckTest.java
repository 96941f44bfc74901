package dev.weft.runtime.scheduler;

import static dev.weft.runtime.scheduler.QueueTasks.drain;
import static dev.weft.runtime.scheduler.QueueTasks.id;
import static dev.weft.runtime.scheduler.QueueTasks.task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link InjectQueue} against {@link Spec}, a plain deque: push, pushBatch,
 * pop, popInto, len, isEmpty and close from three threads. The ring starts at 2 slots so
 * scenarios grow and wrap it.
 */
@Tag("lincheck")
public class InjectQueueLincheckTest {
    private final InjectQueue q = new InjectQueue(2);

    @Operation
    public boolean push(@Param(gen = IntGen.class, conf = "1:9") int id) {
        return q.push(task(id));
    }

    @Operation
    public boolean pushBatch(@Param(gen = IntGen.class, conf = "1:9") int id) {
        return q.pushBatch(new Runnable[] {task(id), task(id + 10), task(id + 20)}, 3);
    }

    @Operation
    public int pop() {
        return id(q.pop());
    }

    /** Takes up to 2 into a fresh local queue owned by this thread; returns all taken, in order. */
    @Operation
    public List<Integer> popInto() {
        var local = new LocalQueue(4);
        List<Integer> taken = new ArrayList<>();
        taken.add(id(q.popInto(local, 2)));
        taken.addAll(drain(local));
        return taken;
    }

    @Operation
    public int len() {
        return q.len();
    }

    @Operation
    public boolean isEmpty() {
        return q.isEmpty();
    }

    @Operation
    public void close() {
        q.close();
    }

    /** The sequential specification: what each operation must return, one at a time. */
    public static final class Spec {
        private final ArrayDeque<Integer> tasks = new ArrayDeque<>();
        private boolean closed;

        public boolean push(int id) {
            return !closed && tasks.add(id);
        }

        public boolean pushBatch(int id) {
            return !closed && tasks.addAll(List.of(id, id + 10, id + 20));
        }

        public int pop() {
            return tasks.isEmpty() ? -1 : tasks.poll();
        }

        public List<Integer> popInto() {
            if (tasks.isEmpty()) {
                return List.of(-1);
            }
            List<Integer> taken = new ArrayList<>();
            for (int i = 0; i < 2 && !tasks.isEmpty(); i++) {
                taken.add(tasks.poll());
            }
            return taken;
        }

        public int len() {
            return tasks.size();
        }

        public boolean isEmpty() {
            return tasks.isEmpty();
        }

        public void close() {
            closed = true;
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .sequentialSpecification(Spec.class)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .iterations(6)
                .invocationsPerIteration(30)
                .check(getClass());
    }

    @Test
    void stress() {
        new StressOptions()
                .sequentialSpecification(Spec.class)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .iterations(4)
                .invocationsPerIteration(500)
                .check(getClass());
    }
}
