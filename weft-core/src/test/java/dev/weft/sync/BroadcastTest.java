package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BroadcastTest {

    @Test
    void badArguments() {
        assertEquals("capacity must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Broadcast.channel(0)).getMessage());
        var ch = Broadcast.<String>channel(1);
        assertThrows(IllegalArgumentException.class, () -> ch.sender().send(null));
    }

    @Test
    void everyReceiverSeesWhatWasSentAfterItSubscribed() {
        var ch = Broadcast.<Integer>channel(4);
        var w = new Wakers();
        assertEquals(1, ch.sender().send(1));
        var late = ch.sender().subscribe();
        assertEquals(2, ch.sender().send(2));
        assertEquals(Optional.of(1), ch.receiver().recv().poll(w.cx).get());
        assertEquals(Optional.of(2), ch.receiver().recv().poll(w.cx).get());
        assertEquals(Optional.of(2), late.recv().poll(w.cx).get());
        assertSame(Poll.pending(), late.recv().poll(w.cx));
    }

    @Test
    void aSendWakesEveryWaitingReceiverAndOnlyTheirNewestWakers() {
        var ch = Broadcast.<Integer>channel(2);
        var other = ch.sender().subscribe();
        var w1 = new Wakers();
        var w2 = new Wakers();
        var w3 = new Wakers();
        var r1 = ch.receiver().recv();
        assertSame(Poll.pending(), r1.poll(w1.cx));
        assertSame(Poll.pending(), r1.poll(w2.cx));
        var r2 = other.recv();
        assertSame(Poll.pending(), r2.poll(w3.cx));
        ch.sender().send(7);
        assertEquals(0, w1.wakes());
        assertEquals(1, w2.wakes());
        assertEquals(1, w3.wakes());
        assertEquals(Optional.of(7), r1.poll(w2.cx).get());
        assertEquals(Optional.of(7), r2.poll(w3.cx).get());
    }

    @Test
    void aSlowReceiverLagsThenContinuesFromTheOldestKept() {
        var ch = Broadcast.<Integer>channel(2);
        var w = new Wakers();
        for (int i = 1; i <= 5; i++) {
            ch.sender().send(i);
        }
        var f = assertInstanceOf(Poll.Failed.class, ch.receiver().recv().poll(w.cx));
        assertEquals(3, assertInstanceOf(LaggedException.class, f.error()).skipped());
        assertEquals(Optional.of(4), ch.receiver().recv().poll(w.cx).get());
        assertEquals(Optional.of(5), ch.receiver().recv().poll(w.cx).get());
        for (int i = 6; i <= 9; i++) {
            ch.sender().send(i);
        }
        ch.sender().close();
        // the stream skips lags, counting them
        List<Integer> rest = new ArrayList<>();
        Poll<Integer> p;
        while (!Stream.isEnd(p = ch.receiver().pollNext(w.cx))) {
            rest.add(p.get());
        }
        assertEquals(List.of(8, 9), rest);
        assertEquals(5, ch.receiver().missed());
    }

    @Test
    void closingTheLastSenderEndsAfterDraining() {
        var ch = Broadcast.<Integer>channel(4);
        var copy = ch.sender().copy();
        ch.sender().send(1);
        ch.sender().close();
        assertThrows(IllegalStateException.class, () -> ch.sender().send(2));
        var w = new Wakers();
        assertEquals(Optional.of(1), ch.receiver().recv().poll(w.cx).get());
        var r = ch.receiver().recv();
        assertSame(Poll.pending(), r.poll(w.cx));
        copy.close();
        assertTrue(w.takeWoken());
        assertEquals(Optional.empty(), r.poll(w.cx).get());
    }

    @Test
    void closedReceiversAreNotCountedAndSendingToNobodyDropsTheMessage() {
        var ch = Broadcast.<Integer>channel(4);
        var second = ch.sender().subscribe();
        assertEquals(2, ch.sender().receiverCount());
        ch.receiver().close();
        ch.receiver().close();
        assertEquals(1, ch.sender().send(1));
        second.close();
        assertEquals(0, ch.sender().send(2));
        var w = new Wakers();
        assertEquals(Optional.empty(), ch.receiver().recv().poll(w.cx).get());
        var fresh = ch.sender().subscribe();
        assertSame(Poll.pending(), fresh.recv().poll(w.cx), "a dropped message is not seen later");
    }

    @Test
    void aCancelledRecvMissesNothing() {
        var ch = Broadcast.<Integer>channel(4);
        var w = new Wakers();
        var r = ch.receiver().recv();
        assertSame(Poll.pending(), r.poll(w.cx));
        r.cancel();
        ch.sender().send(1);
        assertFalse(w.takeWoken());
        assertEquals(Optional.of(1), ch.receiver().recv().poll(w.cx).get());
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void subscribersOnARuntimeSeeEveryMessageInOrder(boolean multi) throws Exception {
        try (Runtime rt = OneshotTest.runtime(multi)) {
            var ch = Broadcast.<Integer>channel(1024);
            List<JoinHandle<List<Integer>>> hs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                var rx = i == 0 ? ch.receiver() : ch.sender().subscribe();
                hs.add(rt.spawn(rx.collect()));
            }
            rt.blockOn(Async.async(() -> {
                try (var tx = ch.sender()) {
                    for (int i = 0; i < 500; i++) {
                        tx.send(i);
                    }
                }
                return null;
            }));
            for (var h : hs) {
                List<Integer> got = rt.blockOn(h);
                assertEquals(500, got.size());
                assertEquals(499, got.get(499));
            }
        }
    }

    @Test
    void blockingRecvOnAPlainThread() throws Exception {
        var ch = Broadcast.<Integer>channel(4);
        var got = new ArrayList<Optional<Integer>>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                got.add(ch.receiver().blockingRecv());
                got.add(ch.receiver().blockingRecv());
            } catch (LaggedException e) {
                throw new AssertionError(e);
            }
        });
        ch.sender().send(3);
        ch.sender().close();
        t.join(5_000);
        assertEquals(List.of(Optional.of(3), Optional.empty()), got);
    }
}
