package dev.weft.runtime;

import dev.weft.future.internal.Args;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The live tasks of a runtime at one moment, from {@link Handle#dumpTasks()}: Weft's answer to
 * {@code jstack} for tasks that are not threads. {@link #toString()} is the readable dump.
 *
 * <p>Like {@link RuntimeMetrics}, a dump is taken without stopping the runtime: each task is
 * looked at on its own while the others keep running, so two entries may describe slightly
 * different instants.
 *
 * {@snippet :
 * TaskDump dump = runtime.handle().dumpTasks();
 * System.out.println(dump);                                   // every task, with await stacks
 * long idle = dump.tasks().stream().filter(t -> t.state() == TaskInfo.State.IDLE).count();
 * }
 *
 * @param runtimeName the runtime's {@linkplain RuntimeBuilder#name(String) name}
 * @param takenAt when the dump was taken
 * @param tasks one entry per live task (spawned, not completed), oldest first; blocking tasks
 *        and the tasks of {@link LocalSet}s are not included
 */
public record TaskDump(String runtimeName, Instant takenAt, List<TaskInfo> tasks) {

    /**
     * Checks the components and copies the list into an unmodifiable one.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public TaskDump {
        Args.notNull(runtimeName, "runtimeName");
        Args.notNull(takenAt, "takenAt");
        tasks = List.copyOf(Args.notNull(tasks, "tasks"));
    }

    /**
     * Finds one task in the dump.
     *
     * @param id a task's id
     * @return the entry of that task, or empty if it was not live
     */
    public Optional<TaskInfo> task(long id) {
        return tasks.stream().filter(t -> t.id() == id).findFirst();
    }

    /**
     * The readable dump: a header line, then each task ({@link TaskInfo#toString()}).
     * <pre>
     * Weft task dump of runtime 'api' at 2025-01-01T12:00:00Z: 2 tasks
     * task 1 "waiter" IDLE, coroutine, last polled 12 ms ago, spawned at ...
     *     at dev.weft.sync.Oneshot$Receiver.await(Oneshot.java:226)
     *     at com.example.Main.lambda$run$0(Main.java:41)
     * task 2 "poller" SCHEDULED, future com.example.Poller, never polled, spawned at ...
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(100 + 200 * tasks.size());
        b.append("Weft task dump of runtime '").append(runtimeName).append("' at ").append(takenAt).append(": ")
                .append(tasks.size()).append(tasks.size() == 1 ? " task" : " tasks");
        for (TaskInfo t : tasks) {
            b.append('\n').append(t);
        }
        return b.toString();
    }
}
