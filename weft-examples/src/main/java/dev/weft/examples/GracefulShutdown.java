package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.TaskTracker;
import dev.weft.sync.CancellationToken;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Graceful shutdown with a {@link CancellationToken} and a {@link TaskTracker}: three workers
 * process items of 100, 150 and 200 ms; a timer cancels the token at 250 ms (standing in for
 * ctrl-c). Each worker checks the token between items, so it finishes the item it holds and
 * exits: worker 1 finishes three items, workers 2 and 3 two each. The tracker counts the
 * workers, so shutdown waits for all of them at once ({@code tracker.drained()}), however many
 * there are. Nothing is cut off half-done.
 */
public final class GracefulShutdown {
    private GracefulShutdown() {
    }

    static String worker(int id, long itemMs, CancellationToken shutdown) {
        List<Integer> done = new ArrayList<>();
        for (int item = 1; !shutdown.isCancelled(); item++) { // checked only between items
            Time.sleep(Duration.ofMillis(itemMs)).await(); // process the item
            done.add(item);
        }
        return "worker " + id + " finished items " + done;
    }

    public static void main(String[] args) throws Exception {
        Weft.run(() -> {
            // region tracker
            CancellationToken shutdown = new CancellationToken();
            TaskTracker tracker = new TaskTracker();
            List<JoinHandle<String>> workers = new ArrayList<>();
            long[] itemMs = {100, 150, 200};
            for (int i = 0; i < itemMs.length; i++) {
                int id = i + 1;
                long ms = itemMs[i];
                CancellationToken token = shutdown.child(); // cancelled with its parent
                workers.add(tracker.spawn(() -> worker(id, ms, token)));
            }
            tracker.close(); // every worker is spawned: drained() may complete once they ended
            Weft.spawn(() -> { // the "ctrl-c"
                Time.sleep(Duration.ofMillis(250)).await();
                System.out.println("shutdown requested");
                shutdown.cancel();
                return null;
            });
            shutdown.cancelled().await();
            tracker.drained().await(); // every worker finished the item it held
            // endregion
            for (JoinHandle<String> w : workers) {
                System.out.println(w.await());
            }
            System.out.println("shutdown complete");
            return null;
        });
    }
}
