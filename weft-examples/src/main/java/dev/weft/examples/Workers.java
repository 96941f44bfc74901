package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.time.Time;
import java.time.Duration;

/**
 * Three workers spawned on the multi-thread runtime (the default of {@link Weft#run}): each
 * starts, sleeps a second without holding a thread, and finishes; main waits two seconds.
 * On several workers the order of the lines may vary, as with Tokio.
 */
public final class Workers {
    private Workers() {
    }

    static Void worker(int id) {
        System.out.println("worker " + id + " started");
        Time.sleep(Duration.ofSeconds(1)).await();
        System.out.println("worker " + id + " finished");
        return null;
    }

    public static void main(String[] args) throws Exception {
        Weft.run(() -> {
            for (int i = 1; i <= 3; i++) {
                int id = i;
                Weft.spawn(() -> worker(id));
            }
            Time.sleep(Duration.ofSeconds(2)).await();
            return null;
        });
    }
}
