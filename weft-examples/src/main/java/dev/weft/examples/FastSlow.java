package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.runtime.JoinHandle;
import dev.weft.time.Time;
import java.time.Duration;

/** Two spawned tasks sleeping 100 and 150 ms, joined in order: the seed's smol program. */
public final class FastSlow {
    private FastSlow() {
    }

    public static void main(String[] args) throws Exception {
        Weft.run(() -> {
            long start = System.nanoTime();
            JoinHandle<String> a = Weft.spawn(() -> {
                Time.sleep(Duration.ofMillis(100)).await();
                return "fast";
            });
            JoinHandle<String> b = Weft.spawn(() -> {
                Time.sleep(Duration.ofMillis(150)).await();
                return "slow";
            });
            System.out.println(a.await() + " then " + b.await());
            System.out.println("done in " + Examples.millisSince(start) + "ms");
            return null;
        });
    }
}
