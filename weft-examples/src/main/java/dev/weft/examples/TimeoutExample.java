package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;

/**
 * A 100 ms deadline around a 250 ms and a 40 ms query. The loser of a timeout is cancelled, not
 * left running (unlike {@code Promise.race}).
 */
public final class TimeoutExample {
    private TimeoutExample() {
    }

    static Future<String> slowQuery(long ms) {
        return Async.async(() -> {
            Time.sleep(Duration.ofMillis(ms)).await();
            return "query finished after " + ms + "ms";
        });
    }

    public static void main(String[] args) throws Exception {
        Weft.run(() -> {
            for (long ms : new long[] {250, 40}) {
                try {
                    String result = Time.timeout(Duration.ofMillis(100), slowQuery(ms)).await();
                    System.out.println("got: " + result);
                } catch (Elapsed elapsed) {
                    System.out.println("timed out after 100ms");
                }
            }
            return null;
        });
    }
}
