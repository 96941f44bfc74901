package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.future.Select;
import dev.weft.future.Selected;
import dev.weft.testkit.Seeded;
import dev.weft.net.UdpSocket;
import dev.weft.time.Time;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The same seed replays the same interleaving; different seeds give different ones. Each
 * scenario records the order of its events in a list. Poll-based tasks, timers of one instant
 * and {@code Select} follow the seed in both coroutine modes; coroutines only in
 * {@code WEFT_SCHEDULER} mode, so that test is skipped without the flag.
 */
class DeterministicReplayTest {
    private static final int SEEDS = 50;

    @Test
    void pollTasksReplayUnderTheSameSeedAndVaryAcrossSeeds() throws Exception {
        assertReplays(DeterministicReplayTest::pollTasks);
    }

    @Test
    void simultaneousTimersFireInSeededOrder() throws Exception {
        assertReplays(DeterministicReplayTest::timers);
    }

    @Test
    void selectStartsAtASeededBranch() throws Exception {
        assertReplays(DeterministicReplayTest::selects);
    }

    @Test
    void futuresSelectStartsAtASeededBranch() throws Exception {
        assertReplays(DeterministicReplayTest::futuresSelects);
    }

    /** Two always-ready branches, 1,000 seeded selects: each wins a good share, the same under one seed. */
    @Test
    void futuresSelectIsFairUnderASeed() throws Exception {
        for (long seed = 0; seed < 3; seed++) {
            int[] wins;
            int[] again;
            try (Runtime rt = Seeded.runtime(seed)) {
                wins = twoReadyBranches(rt);
            }
            try (Runtime rt = Seeded.runtime(seed)) {
                again = twoReadyBranches(rt);
            }
            assertEquals(java.util.Arrays.toString(wins), java.util.Arrays.toString(again), "seed " + seed);
            assertTrue(wins[0] >= 350 && wins[1] >= 350, "seed " + seed + ": " + java.util.Arrays.toString(wins));
        }
    }

    private static int[] twoReadyBranches(Runtime rt) throws Exception {
        return rt.blockOn(Futures.pollFn(cx -> {
            int[] wins = new int[2];
            for (int i = 0; i < 1_000; i++) {
                Poll<Selected<String>> p = Futures.select(Futures.ready("a"), Futures.ready("b")).poll(cx);
                wins[((Poll.Ready<Selected<String>>) p).value().index()]++;
            }
            return Poll.ready(wins);
        }));
    }

    @Test
    void coroutinesReplayInWeftSchedulerMode() throws Exception {
        assumeTrue(Runtime.builder().currentThread().build().handle().coroutineMode() == CoroutineMode.WEFT_SCHEDULER,
                "coroutines run on the JDK's scheduler without --add-opens: their order is not the seed's");
        assertReplays(DeterministicReplayTest::coroutines);
    }

    @Test
    void socketsReadyInOneTurnWakeInSeededOrder() throws Exception {
        assertReplays(DeterministicReplayTest::datagrams, Seeded.builder(0).enableIo(), 10);
    }

    @Test
    void theRuntimeTellsItsSeed() {
        try (Runtime rt = Seeded.runtime(0x1234abcdL)) {
            assertEquals(0x1234abcdL, rt.seed().orElseThrow());
            assertEquals(0x1234abcdL, rt.metrics().seed().orElseThrow());
            assertTrue(rt.metrics().toString().contains("deterministic, seed 0x1234abcd"), rt.metrics().toString());
        }
        try (Runtime rt = Runtime.builder().currentThread().build()) {
            assertTrue(rt.seed().isEmpty());
        }
    }

    // ---- the scenarios: each returns its events in order ------------------------------------

    interface Scenario {
        List<String> run(Runtime rt) throws Exception;
    }

    /** Runs {@code s} twice per seed (equal), and over many seeds (more than one order). */
    private static void assertReplays(Scenario s) throws Exception {
        assertReplays(s, null, SEEDS);
    }

    private static void assertReplays(Scenario s, RuntimeBuilder withIo, int seeds) throws Exception {
        Set<List<String>> distinct = new HashSet<>();
        for (long seed = 0; seed < seeds; seed++) {
            List<String> first;
            List<String> again;
            try (Runtime rt = withIo == null ? Seeded.runtime(seed) : withIo.deterministic(seed).build()) {
                first = s.run(rt);
            }
            try (Runtime rt = withIo == null ? Seeded.runtime(seed) : withIo.deterministic(seed).build()) {
                again = s.run(rt);
            }
            assertEquals(first, again, "seed " + seed + " replays the same order");
            distinct.add(first);
        }
        assertTrue(distinct.size() > seeds / 5, "the seed changes the order: only " + distinct.size()
                + " distinct orders in " + seeds + " seeds: " + distinct);
    }

    /** Five poll-based tasks, each yielding three times: the seed interleaves their steps. */
    private static List<String> pollTasks(Runtime rt) throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            String name = "t" + t;
            int[] step = {0};
            hs.add(rt.spawn(Futures.<Void>pollFn(cx -> {
                events.add(name + "." + step[0]);
                if (++step[0] == 3) {
                    return Poll.ready(null);
                }
                cx.waker().wake(); // yield: queued behind the others, then picked by the seed
                return Poll.pending();
            })));
        }
        for (JoinHandle<Void> h : hs) {
            rt.blockOn(h);
        }
        return events;
    }

    /** Six tasks sleep until the same instant: the seed orders their wake-ups. */
    private static List<String> timers(Runtime rt) throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            String name = "t" + t;
            Future<Void> sleep = Futures.lazy(() -> Time.sleep(Duration.ofMillis(5))); // made on the runtime
            hs.add(rt.spawn(Futures.<Void>pollFn(cx -> {
                if (sleep.poll(cx).isPending()) {
                    return Poll.pending();
                }
                events.add(name);
                return Poll.ready(null);
            })));
        }
        for (JoinHandle<Void> h : hs) {
            rt.blockOn(h);
        }
        return events;
    }

    /** A select of four ready branches, polled on the runtime's thread: the seed picks the winner. */
    private static List<String> selects(Runtime rt) throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Select.Builder<String> b = Select.builder();
            for (int k = 0; k < 4; k++) {
                b.on(Futures.ready("b" + k), v -> v);
            }
            events.add(rt.blockOn(b.build()));
        }
        return events;
    }

    /** Futures.select of four ready branches, polled on the runtime's thread: the seed picks the winner. */
    private static List<String> futuresSelects(Runtime rt) throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(rt.blockOn(Futures.select(Futures.ready("b0"), Futures.ready("b1"), Futures.ready("b2"),
                    Futures.ready("b3"))).value());
        }
        return events;
    }

    /**
     * Five UDP sockets each get a datagram before the runtime looks: one turn of the I/O driver
     * finds them all ready, and the seed orders the wake-ups (and then the runs) of their readers.
     */
    private static List<String> datagrams(Runtime rt) throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<UdpSocket> sockets = new ArrayList<>();
        rt.blockOn(Futures.<Void>pollFn(cx -> { // bind on the runtime: a socket registers with its driver
            try {
                for (int i = 0; i < 5; i++) {
                    sockets.add(UdpSocket.bind("127.0.0.1:0"));
                }
            } catch (IOException e) {
                return Poll.failed(e);
            }
            return Poll.ready(null);
        }));
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UdpSocket s = sockets.get(i);
            String name = "s" + i;
            ByteBuffer buf = ByteBuffer.allocate(16);
            hs.add(rt.spawn(Futures.<Void>pollFn(cx -> {
                if (s.pollRecvFrom(cx, buf).isPending()) {
                    return Poll.pending();
                }
                events.add(name);
                return Poll.ready(null);
            })));
        }
        rt.blockOn(Futures.lazy(() -> Weft.yieldNow())); // every reader polled once: all wait
        try (DatagramChannel out = DatagramChannel.open()) {
            for (UdpSocket s : sockets) {
                out.send(ByteBuffer.wrap(new byte[] {1}), s.localAddress());
            }
        }
        for (JoinHandle<Void> h : hs) {
            rt.blockOn(h);
        }
        sockets.forEach(UdpSocket::close);
        return events;
    }

    /** Four coroutines take turns through yields and a shared channel of sleeps. */
    private static List<String> coroutines(Runtime rt) throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String name = "c" + t;
            hs.add(rt.spawn(() -> {
                for (int i = 0; i < 3; i++) {
                    events.add(name + "." + i);
                    Weft.yieldNow().await();
                }
                Time.sleep(Duration.ofMillis(1)).await();
                events.add(name + ".woke");
                return null;
            }));
        }
        rt.blockOn(Async.async(() -> {
            for (JoinHandle<Void> h : hs) {
                h.await();
            }
            return null;
        }));
        return events;
    }
}
