package dev.weft.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A parked worker woke up; the event's duration is how long it slept.
 *
 * {@snippet :
 * WorkerUnparkedEvent e = WeftEvents.workerParked("api", 0);   // only once WeftEvents.workerParkEnabled()
 * LockSupport.park();
 * WeftEvents.workerUnparked(e);
 * }
 */
@Name("dev.weft.WorkerUnparked")
@Label("Weft Worker Unparked")
@Category({"Weft", "Workers"})
@Description("A worker of a Weft runtime woke up; the duration is the time it was parked")
@Enabled(false)
@StackTrace(false)
public final class WorkerUnparkedEvent extends Event {
    @Label("Runtime")
    @Description("The runtime's name")
    String runtime;

    @Label("Worker")
    @Description("The worker's index (0 for a current-thread runtime)")
    int worker;
}
