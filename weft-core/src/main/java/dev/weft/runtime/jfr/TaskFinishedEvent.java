package dev.weft.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A task completed: with a value, a failure, or cancelled. */
@Name("dev.weft.TaskFinished")
@Label("Weft Task Finished")
@Category({"Weft", "Tasks"})
@Description("A task of a Weft runtime completed: ok, failed or cancelled")
@Enabled(false)
@StackTrace(false)
final class TaskFinishedEvent extends Event {
    @Label("Runtime")
    @Description("The runtime's name")
    String runtime;

    @Label("Task Id")
    long taskId;

    @Label("Task Name")
    @Description("The name given at spawn, or task-<id>")
    String taskName;

    @Label("Outcome")
    @Description("ok, failed or cancelled (aborted, or cancelled by the runtime's shutdown)")
    String outcome;

    @Label("Failure")
    @Description("The class of the failure, when the outcome is failed")
    String failure;
}
