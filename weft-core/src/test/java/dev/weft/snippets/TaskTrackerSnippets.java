package dev.weft.snippets;

import dev.weft.runtime.TaskTracker;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Examples for {@code TaskTracker}; each method runs inside a runtime. */
final class TaskTrackerSnippets {
    private TaskTrackerSnippets() {
    }

    static int taskTracker(List<String> jobs) throws Exception {
        AtomicInteger done = new AtomicInteger();
        // @start region="task-tracker"
        TaskTracker tracker = new TaskTracker();
        for (String job : jobs) {
            tracker.spawn(() -> {                       // counted until the body ends
                Time.sleep(Duration.ofMillis(10)).await();
                System.out.println("finished " + job);
                done.incrementAndGet();
            });
        }
        tracker.close();                                // no more tasks expected
        tracker.drained().await();                      // closed and empty: every job ended
        // @end
        return done.get();
    }
}
