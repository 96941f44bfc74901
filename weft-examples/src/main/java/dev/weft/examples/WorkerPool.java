package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.runtime.JoinHandle;
import dev.weft.sync.Mpsc;
import dev.weft.sync.Mutex;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fan-out / fan-in over mpsc channels: a producer fills a bounded job channel (capacity 4, so
 * it waits when the workers fall behind), three workers share its receiver behind a
 * {@link Mutex} (Tokio's {@code Arc<Mutex<Receiver>>}), and each sends the square of its job on a results
 * channel. The results channel ends when the last worker's sender closes; main sorts what came
 * back and prints the total.
 */
public final class WorkerPool {
    private WorkerPool() {
    }

    static final int JOBS = 12;
    static final int WORKERS = 3;

    static Void worker(Mutex<Mpsc.Receiver<Integer>> jobs, Mpsc.Sender<Integer> results) throws Exception {
        try (results) {
            while (true) {
                Optional<Integer> job;
                try (Mutex.Guard<Mpsc.Receiver<Integer>> rx = jobs.lock().await()) {
                    job = rx.get().recv().await(); // one worker waits on the channel at a time
                }
                if (job.isEmpty()) {
                    return null; // the producer closed and every job was taken
                }
                int n = job.get();
                Time.sleep(Duration.ofMillis(5 + n % 3 * 5)).await(); // "work"
                results.send(n * n).await();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Weft.run(() -> {
            Mpsc.Channel<Integer> jobs = Mpsc.bounded(4);
            Mpsc.Channel<Integer> results = Mpsc.unbounded();
            Mutex<Mpsc.Receiver<Integer>> shared = new Mutex<>(jobs.receiver());
            for (int w = 0; w < WORKERS; w++) {
                Mpsc.Sender<Integer> tx = results.sender().copy();
                Weft.spawn(() -> worker(shared, tx));
            }
            results.sender().close(); // only the workers' copies keep the results channel open
            JoinHandle<Void> producer = Weft.spawn(() -> {
                try (Mpsc.Sender<Integer> tx = jobs.sender()) {
                    for (int n = 1; n <= JOBS; n++) {
                        tx.send(n).await(); // waits while 4 jobs are queued
                    }
                }
                return null;
            });
            List<Integer> squares = new ArrayList<>();
            Optional<Integer> sq;
            while ((sq = results.receiver().recv().await()).isPresent()) { // empty once every worker closed
                squares.add(sq.get());
            }
            producer.await();
            squares.sort(null); // arrival order depends on the workers; the sorted set does not
            long total = squares.stream().mapToLong(Integer::longValue).sum();
            System.out.println("squares: " + squares);
            System.out.println(squares.size() + " results from " + WORKERS + " workers, total = " + total);
            return null;
        });
    }
}
