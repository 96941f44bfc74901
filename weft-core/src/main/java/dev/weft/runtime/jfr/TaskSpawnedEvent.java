package dev.weft.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A task was spawned. Its stack trace is the spawner's: where the task comes from. */
@Name("dev.weft.TaskSpawned")
@Label("Weft Task Spawned")
@Category({"Weft", "Tasks"})
@Description("A task was spawned on a Weft runtime; the stack trace is the spawning thread's")
@Enabled(false)
@StackTrace(true)
final class TaskSpawnedEvent extends Event {
    @Label("Runtime")
    @Description("The runtime's name")
    String runtime;

    @Label("Task Id")
    long taskId;

    @Label("Task Name")
    @Description("The name given at spawn, or task-<id>")
    String taskName;

    @Label("Coroutine")
    @Description("Whether the task runs a coroutine (else a poll-based future)")
    boolean coroutine;
}
