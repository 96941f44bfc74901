package dev.weft.snippets;

import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.sync.Mpsc;
import dev.weft.sync.Semaphore;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Examples for the package {@code dev.weft.sync} and {@code Mpsc}; each method runs inside a runtime. */
final class SyncSnippets {
    private SyncSnippets() {
    }

    static String packageInfo(String url) throws Exception {
        // @start region="package"
        Semaphore limit = new Semaphore(2);
        try (Semaphore.Permit p = limit.acquire().await()) {
            fetch(url).await();
        }
        // @end
        return url;
    }

    static void mpsc(List<String> lines) throws Exception {
        // @start region="mpsc"
        Mpsc.Channel<String> ch = Mpsc.bounded(64);
        Mpsc.Sender<String> tx = ch.sender();
        Weft.spawn(() -> {
            try (tx) {                                   // closing the last sender ends the stream
                for (String line : lines) {
                    tx.send(line).await();
                }
            }
            return null;
        });
        Optional<String> line;
        while ((line = ch.receiver().recv().await()).isPresent()) {
            System.out.println(line.get());
        }
        // @end
    }

    // ---- what the regions use -------------------------------------------------------------------

    static Future<String> fetch(String url) {
        return Time.sleep(Duration.ofMillis(1)).map(v -> "<html>" + url + "</html>");
    }
}
