package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.List;

/**
 * Three concurrent service calls of 120, 90 and 150 ms: the whole takes ~150 ms, not 360.
 * The seed's {@code #[tokio::main]} program with three {@code tokio::spawn}s.
 */
public final class Services {
    private Services() {
    }

    static Future<String> callService(String name, long ms) {
        return Async.async(() -> {
            Time.sleep(Duration.ofMillis(ms)).await();
            return name + " responded after " + ms + "ms";
        });
    }

    public static void main(String[] args) throws Exception {
        Weft.run(() -> {
            long start = System.nanoTime();
            JoinHandle<String> h1 = Weft.spawn(callService("auth", 120));
            JoinHandle<String> h2 = Weft.spawn(callService("inventory", 90));
            JoinHandle<String> h3 = Weft.spawn(callService("pricing", 150));
            List<String> results = List.of(h1.await(), h2.await(), h3.await());
            for (String r : results) {
                System.out.println(r);
            }
            System.out.println("all done in " + Examples.millisSince(start) + "ms");
            return null;
        });
    }
}
