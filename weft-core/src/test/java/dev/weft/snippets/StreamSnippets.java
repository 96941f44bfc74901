package dev.weft.snippets;

import dev.weft.future.FuturesUnordered;
import dev.weft.future.Stream;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.List;

/** Examples for streams: {@code dev.weft.future.Stream}, its combinators, and the timed ones in {@code Time}. */
final class StreamSnippets {
    private StreamSnippets() {
    }

    /** Run inside a runtime with time enabled (a paused clock in the test). */
    static List<String> futuresUnordered() throws Exception {
        // @start region="futures-unordered"
        FuturesUnordered<String> calls = new FuturesUnordered<>();
        calls.push(Time.sleep(Duration.ofMillis(30)).map(x -> "slow"));
        calls.push(Time.sleep(Duration.ofMillis(10)).map(x -> "fast"));
        List<String> byCompletion = calls.collect().await();   // [fast, slow]
        // @end
        return byCompletion;
    }

    /** Run inside a runtime with time enabled (a paused clock in the test). */
    static List<Integer> mapAsync() throws Exception {
        // @start region="map-async"
        // fetch three "pages" at most two at a time; the outputs keep the order of the ids
        Stream<Integer> ids = Stream.of(30, 10, 20);
        List<Integer> sizes = ids
                .mapAsync(2, id -> Time.sleep(Duration.ofMillis(id)).map(x -> id * 100))
                .collect()
                .await();   // [3000, 1000, 2000]
        // @end
        return sizes;
    }

    static List<String> merge() throws Exception {
        // @start region="merge"
        Stream<String> events = Stream.merge(
                Stream.of("click", "scroll"),
                Stream.of("tick"));
        List<String> all = events.collect().await();   // [click, tick, scroll]: taking turns
        // @end
        return all;
    }

    /** Run inside a runtime with time enabled (a paused clock in the test). */
    static String timeoutEach(Stream<String> heartbeats) throws Exception {
        // @start region="timeout-each"
        Stream<String> beats = Time.timeoutEach(Duration.ofSeconds(5), heartbeats);
        try {
            beats.forEach(b -> System.out.println("alive: " + b)).await();
            return "ended";
        } catch (Elapsed e) {
            return "peer silent: " + e.getMessage();   // "no item within 5.0 s"
        }
        // @end
    }

    /** Run inside a runtime with time enabled (a paused clock in the test). */
    static List<List<Integer>> chunksTimeout(Stream<Integer> rows) throws Exception {
        // @start region="chunks-timeout"
        // write rows in batches of up to 100, but never hold a row longer than 50 ms
        Stream<List<Integer>> batches = Time.chunksTimeout(rows, 100, Duration.ofMillis(50));
        List<List<Integer>> written = batches.collect().await();
        // @end
        return written;
    }
}
