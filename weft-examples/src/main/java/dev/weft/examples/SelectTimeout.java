package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.future.Select;
import dev.weft.runtime.JoinHandle;
import dev.weft.time.Time;
import java.time.Duration;

/**
 * The seed's {@code tokio::select!}: two spawned tasks of 100 and 200 ms race a 150 ms timeout.
 * The first branch ready wins and the others are dropped: the timer is cancelled, and the
 * losing task's handle only detaches (the task is not aborted, as in Tokio). Prints
 * {@code First: task1 complete}; with tasks of 200 and 300 ms it prints {@code Timeout reached}.
 */
public final class SelectTimeout {
    private SelectTimeout() {
    }

    static String race(long ms1, long ms2) throws Exception {
        JoinHandle<String> task1 = Weft.spawn(() -> {
            Time.sleep(Duration.ofMillis(ms1)).await();
            return "task1 complete";
        });
        JoinHandle<String> task2 = Weft.spawn(() -> {
            Time.sleep(Duration.ofMillis(ms2)).await();
            return "task2 complete";
        });
        return Select.<String>builder()
                .on(task1, result -> "First: " + result)
                .on(task2, result -> "First: " + result)
                .on(Time.sleep(Duration.ofMillis(150)), v -> "Timeout reached")
                .build()
                .await();
    }

    public static void main(String[] args) throws Exception {
        Weft.run(() -> {
            System.out.println(race(100, 200));
            System.out.println(race(200, 300));
            return null;
        });
    }
}
