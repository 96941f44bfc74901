package dev.weft.snippets;

import dev.weft.Async;
import dev.weft.future.Future;
import dev.weft.time.Elapsed;
import dev.weft.time.Interval;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import java.time.Duration;

/** Examples for the package {@code dev.weft.time}, {@code Time} and {@code Sleep}; each method runs inside a runtime. */
final class TimeSnippets {
    private TimeSnippets() {
    }

    static String packageInfo(Client client, String request) throws Exception {
        // @start region="package"
        // a retry loop with a per-attempt limit and a fixed pace
        Interval pace = Time.interval(Duration.ofSeconds(1));
        for (int attempt = 1; ; attempt++) {
            pace.tick().await();
            try {
                return Time.timeout(Duration.ofMillis(300), client.call(request)).await();
            } catch (Elapsed e) {
                System.err.println("attempt " + attempt + ": " + e.getMessage());
            }
        }
        // @end
    }

    static String time(String question) throws Exception {
        // @start region="time"
        Time.sleep(Duration.ofMillis(10)).await();
        String answer = Time.timeout(Duration.ofSeconds(1), ask(question)).await();
        Interval every = Time.interval(Duration.ofMillis(100));
        for (int i = 0; i < 10; i++) {
            every.tick().await();
        }
        // @end
        return answer;
    }

    static void sleepReset() {
        // @start region="sleep-reset"
        Sleep pace = Time.sleep(Duration.ofMillis(100));
        for (int i = 0; i < 3; i++) {
            pace.await();                                   // every 100 ms
            System.out.println("step " + i);
            pace.reset(pace.deadline().plusMillis(100));    // the same timer entry, moved on
        }
        // @end
    }

    // ---- what the regions use -------------------------------------------------------------------

    /** A remote service. */
    interface Client {
        Future<String> call(String request);
    }

    static Future<String> ask(String question) {
        return Async.async(() -> "42, to " + question);
    }
}
