package dev.weft.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The blocked-worker detector saw a poll holding its worker. Committed by the detector's thread,
 * so the blocked thread and its stack (taken while the poll still ran) are fields of their own.
 */
@Name("dev.weft.BlockedWorker")
@Label("Weft Blocked Worker")
@Category({"Weft", "Workers"})
@Description("One poll has held a worker thread longer than the blocked-worker threshold; "
        + "the stack is the blocked thread's (the coroutine's, for a coroutine)")
@StackTrace(false)
final class BlockedWorkerEvent extends Event {
    @Label("Runtime")
    @Description("The runtime's name")
    String runtime;

    @Label("Worker Thread")
    Thread workerThread;

    @Label("Task Id")
    @Description("The task polled, or 0 when it is not a task")
    long taskId;

    @Label("Task Name")
    String taskName;

    @Label("Coroutine")
    boolean coroutine;

    @Label("Blocked For")
    @Description("How long the poll had run when it was seen (a lower bound)")
    @Timespan(Timespan.NANOSECONDS)
    long blockedFor;

    @Label("Blocked Stack")
    @Description("The blocked thread's stack when it was seen, one frame per line")
    String blockedStack;
}
