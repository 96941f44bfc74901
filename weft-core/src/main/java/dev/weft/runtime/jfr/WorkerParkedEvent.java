package dev.weft.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A worker (or the thread driving a current-thread runtime) goes to sleep for lack of work. */
@Name("dev.weft.WorkerParked")
@Label("Weft Worker Parked")
@Category({"Weft", "Workers"})
@Description("A worker of a Weft runtime went to sleep for lack of work")
@Enabled(false)
@StackTrace(false)
final class WorkerParkedEvent extends Event {
    @Label("Runtime")
    @Description("The runtime's name")
    String runtime;

    @Label("Worker")
    @Description("The worker's index (0 for a current-thread runtime)")
    int worker;
}
