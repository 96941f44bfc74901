package dev.weft.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * One poll of a task (or one run of a coroutine until it suspended) held its thread for longer
 * than the runtime's long-poll threshold. Committed by that thread right after the poll, so the
 * event thread is the worker and the stack trace is where the poll returned to (it tells a task
 * poll from a coroutine run and a worker from {@code blockOn}); the code that took the time is
 * named by {@code futureClass}, and by the {@code dev.weft.BlockedWorker} event's stack when the
 * poll lasted long enough for the detector.
 *
 * <p>Off by default: while it is enabled every poll is timed (two clock reads, about 50 ns here,
 * as much as a whole yield), which an always-on recording should not pay. The blocked-worker
 * detector's event is the free always-on signal.
 *
 * {@snippet :
 * LongPollEvent e = WeftEvents.beginLongPoll();      // only once WeftEvents.longPollEnabled()
 * task.run();
 * WeftEvents.longPoll(e, "api", 7, "fetch", false, Fetch.class.getName());
 * }
 */
@Name("dev.weft.LongPoll")
@Label("Weft Long Poll")
@Category({"Weft", "Tasks"})
@Description("A poll (or a coroutine's run) held its thread longer than the runtime's long-poll threshold; "
        + "every other task of that thread waited meanwhile")
@Threshold("0 ms")
@Enabled(false)
@StackTrace(true)
public final class LongPollEvent extends Event {
    @Label("Runtime")
    @Description("The runtime's name")
    String runtime;

    @Label("Task Id")
    @Description("The task polled, or 0 for the future given to blockOn")
    long taskId;

    @Label("Task Name")
    String taskName;

    @Label("Coroutine")
    @Description("Whether a coroutine ran (else a poll-based future was polled)")
    boolean coroutine;

    @Label("Future Class")
    @Description("The class of the polled future; for a coroutine, of its body")
    String futureClass;
}
