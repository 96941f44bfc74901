package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.runtime.JoinHandle;
import dev.weft.sync.Broadcast;
import dev.weft.sync.LaggedException;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Broadcast with a fast and a lagging subscriber: the channel keeps only the last 4 ticks. The
 * publisher sends ten ticks 10 ms apart; the fast subscriber sees all ten, the slow one is busy
 * for 250 ms, so its first receive reports {@code lagged: skipped 6} and it continues from the
 * oldest tick kept. Senders never wait for slow receivers.
 */
public final class PubSub {
    private PubSub() {
    }

    static List<String> subscriber(String name, Broadcast.Receiver<Integer> rx, long busyMs) throws Exception {
        List<String> seen = new ArrayList<>();
        Time.sleep(Duration.ofMillis(busyMs)).await();
        while (true) {
            try {
                Optional<Integer> tick = rx.recv().await();
                if (tick.isEmpty()) {
                    seen.add(name + ": publisher closed");
                    return seen;
                }
                seen.add(name + ": tick " + tick.get());
            } catch (LaggedException e) {
                seen.add(name + ": lagged: skipped " + e.skipped()); // next recv gets the oldest kept
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Weft.run(() -> {
            Broadcast.Channel<Integer> ch = Broadcast.channel(4);
            Broadcast.Receiver<Integer> slowRx = ch.sender().subscribe();
            JoinHandle<List<String>> fast = Weft.spawn(() -> subscriber("fast", ch.receiver(), 0));
            JoinHandle<List<String>> slow = Weft.spawn(() -> subscriber("slow", slowRx, 250));
            try (Broadcast.Sender<Integer> tx = ch.sender()) {
                for (int i = 1; i <= 10; i++) {
                    tx.send(i); // never waits: a lagging receiver loses the oldest ticks
                    Time.sleep(Duration.ofMillis(10)).await();
                }
            }
            fast.await().forEach(System.out::println); // each list printed whole: stable output
            slow.await().forEach(System.out::println);
            return null;
        });
    }
}
