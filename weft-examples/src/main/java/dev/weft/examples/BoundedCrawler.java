package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.sync.Semaphore;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded crawler: five fetches, at most two in flight (a {@link Semaphore} of 2, Tokio's
 * answer to {@code p-limit(2)}). Results print in submission order; the whole takes ~325 ms
 * because the permits stage the requests into batches instead of firing all five at once.
 */
public final class BoundedCrawler {
    private BoundedCrawler() {
    }

    /** What a fetch yields: the bytes downloaded, or the reason it failed. */
    record Result(String url, int bytes, String error) {
    }

    /** Stand-in for a real HTTP GET: sleeps {@code latencyMs}, fails for urls with "bad". */
    static Future<Result> fetch(String url, long latencyMs) {
        return Async.async(() -> {
            Time.sleep(Duration.ofMillis(latencyMs)).await();
            return url.contains("bad")
                    ? new Result(url, 0, url + ": connection refused")
                    : new Result(url, url.length(), null); // pretend "bytes downloaded"
        });
    }

    public static void main(String[] args) throws Exception {
        Weft.run(() -> {
            String[] urls = {"https://a.example", "https://b.example", "https://bad.example",
                "https://c.example", "https://d.example"};
            long[] latencies = {120, 80, 50, 200, 60};
            Semaphore limit = new Semaphore(2); // at most 2 requests in flight
            long start = System.nanoTime();
            List<JoinHandle<Result>> handles = new ArrayList<>();
            for (int i = 0; i < urls.length; i++) {
                String url = urls[i];
                long latency = latencies[i];
                handles.add(Weft.spawn(() -> {
                    try (Semaphore.Permit permit = limit.acquire().await()) { // held until the fetch ends
                        return fetch(url, latency).await();
                    }
                }));
            }
            for (JoinHandle<Result> h : handles) {
                Result r = h.await();
                System.out.println(r.error() == null
                        ? "OK " + r.url() + " (" + r.bytes() + " bytes)"
                        : "FAIL " + r.url() + " -> " + r.error());
            }
            System.out.println("scanned in " + Examples.millisSince(start) + "ms");
            return null;
        });
    }
}
