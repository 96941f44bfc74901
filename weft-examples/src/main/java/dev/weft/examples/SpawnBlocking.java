package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.runtime.Runtime;
import java.util.stream.LongStream;

/**
 * Keeping CPU-heavy work off the runtime's thread with {@code spawnBlocking}: the seed's two
 * programs. Prints {@code sum = 500000500000} (1..=1_000_000 on a runtime built by hand) and
 * {@code sum = 1249999975000000} (0..50_000_000, moved off the worker).
 */
public final class SpawnBlocking {
    private SpawnBlocking() {
    }

    public static void main(String[] args) throws Exception {
        // Build the runtime by hand; the blocking pool moves the sum onto a blocking thread.
        try (Runtime rt = Runtime.builder().enableAll().build()) {
            long answer = rt.blockOn(Async.async(() ->
                    Weft.spawnBlocking(() -> LongStream.rangeClosed(1, 1_000_000).sum()).await()));
            System.out.println("sum = " + answer);
        }

        // The exercise: a synchronous loop would block the worker; spawnBlocking runs it elsewhere.
        Weft.run(() -> {
            long sum = Weft.spawnBlocking(() -> {
                long total = 0;
                for (long i = 0; i < 50_000_000L; i++) {
                    total += i;
                }
                return total;
            }).await();
            System.out.println("sum = " + sum);
            return null;
        });
    }
}
