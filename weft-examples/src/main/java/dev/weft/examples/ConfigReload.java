package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.runtime.JoinHandle;
import dev.weft.sync.ChannelClosedException;
import dev.weft.sync.Watch;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Configuration reload over a {@link Watch} channel: a reloader task publishes versions 2, 3
 * and 4 of a config 50 ms apart and then closes; two readers wait with {@code changed()} and
 * print each version they see, then that the config source closed. A watch keeps only the
 * latest value, so a reader slower than the reloader would skip versions, never queue them.
 */
public final class ConfigReload {
    private ConfigReload() {
    }

    /** The configuration being reloaded. */
    record Config(int version, int maxConnections) {
    }

    static List<String> reader(String name, Watch.Receiver<Config> rx) throws Exception {
        List<String> seen = new ArrayList<>();
        seen.add(name + " starts with v" + rx.borrow().version());
        try {
            while (true) {
                rx.changed().await(); // marks the newest version seen
                Config c = rx.borrow();
                seen.add(name + " sees v" + c.version() + " (maxConnections=" + c.maxConnections() + ")");
            }
        } catch (ChannelClosedException closed) {
            seen.add(name + ": config source closed");
        }
        return seen;
    }

    public static void main(String[] args) throws Exception {
        Weft.run(() -> {
            Watch.Channel<Config> ch = Watch.channel(new Config(1, 10));
            Watch.Receiver<Config> rxB = ch.receiver().copy();
            JoinHandle<List<String>> a = Weft.spawn(() -> reader("reader-a", ch.receiver()));
            JoinHandle<List<String>> b = Weft.spawn(() -> reader("reader-b", rxB));
            JoinHandle<Void> reloader = Weft.spawn(() -> {
                try (Watch.Sender<Config> tx = ch.sender()) {
                    for (int v = 2; v <= 4; v++) {
                        Time.sleep(Duration.ofMillis(50)).await();
                        tx.send(new Config(v, 10 * v));
                    }
                }
                return null;
            });
            reloader.await();
            a.await().forEach(System.out::println); // each reader's lines printed whole
            b.await().forEach(System.out::println);
            return null;
        });
    }
}
