package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.time.Time;
import java.time.Duration;

/**
 * One thread, yet concurrent: two tasks on a current-thread runtime, the closest thing to
 * Node's event loop. Prints {@code a b}.
 */
public final class CurrentThread {
    private CurrentThread() {
    }

    public static void main(String[] args) throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().enableAll().build()) {
            rt.blockOn(Async.async(() -> {
                JoinHandle<String> a = Weft.spawn(() -> {
                    Time.sleep(Duration.ofMillis(50)).await();
                    return "a";
                });
                JoinHandle<String> b = Weft.spawn(() -> {
                    Time.sleep(Duration.ofMillis(50)).await();
                    return "b";
                });
                System.out.println(a.await() + " " + b.await());
                return null;
            }));
        }
    }
}
