package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Poll;
import dev.weft.runtime.Runtime;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WatchTest {

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> Watch.channel(null));
        var ch = Watch.channel("a");
        assertThrows(IllegalArgumentException.class, () -> ch.sender().send(null));
        assertThrows(IllegalArgumentException.class, () -> ch.sender().sendModify(v -> null));
        assertEquals("a", ch.sender().borrow(), "a refused modification changes nothing");
        assertFalse(ch.receiver().hasChanged());
    }

    /** sendModify's function runs under the channel's lock and may still read the channel. */
    @Test
    void sendModifysFunctionMayUseTheChannel() {
        var ch = Watch.channel(1);
        var rx = ch.receiver();
        int n = ch.sender().sendModify(v -> {
            assertEquals(v, ch.sender().borrow());
            assertEquals(v, rx.borrow());
            assertEquals(1, ch.sender().receiverCount());
            ch.sender().send(v + 1); // nested: replaced by this function's value
            return v * 10;
        });
        assertEquals(1, n);
        assertEquals(10, rx.borrowAndUpdate());
        assertFalse(rx.hasChanged());
        ch.sender().send(4); // the lock is free again
        assertEquals(4, rx.borrow());
    }

    @Test
    void changedCompletesForANewerValueAndMarksItSeen() {
        var ch = Watch.channel(1);
        var rx = ch.receiver();
        var w = new Wakers();
        var c = rx.changed();
        assertSame(Poll.pending(), c.poll(w.cx), "the initial value counts as seen");
        assertEquals(1, ch.sender().send(2));
        assertTrue(w.takeWoken());
        assertEquals(2, rx.borrow());
        assertTrue(rx.hasChanged());
        assertEquals(Poll.ready(null), c.poll(w.cx));
        assertFalse(rx.hasChanged());
        ch.sender().send(3);
        ch.sender().sendModify(v -> v * 10);
        assertEquals(30, ch.sender().borrow());
        assertEquals(Poll.ready(null), rx.changed().poll(w.cx), "intermediate values are skipped");
        assertSame(Poll.pending(), rx.changed().poll(w.cx));
    }

    @Test
    void borrowAndUpdateMarksSeenAndBorrowDoesNot() {
        var ch = Watch.channel("a");
        var rx = ch.receiver();
        ch.sender().send("b");
        assertEquals("b", rx.borrow());
        assertTrue(rx.hasChanged());
        assertEquals("b", rx.borrowAndUpdate());
        assertFalse(rx.hasChanged());
    }

    @Test
    void closingTheSenderFailsChangedUnlessSomethingNewerIsThere() {
        var ch = Watch.channel(0);
        var rx = ch.receiver();
        var copy = rx.copy();
        var late = ch.sender().subscribe();
        var w = new Wakers();
        var c = rx.changed();
        assertSame(Poll.pending(), c.poll(w.cx));
        ch.sender().send(1);
        ch.sender().close();
        assertThrows(IllegalStateException.class, () -> ch.sender().send(2));
        assertEquals(Poll.ready(null), c.poll(w.cx), "the newer value first");
        var f = assertInstanceOf(Poll.Failed.class, rx.changed().poll(w.cx));
        assertInstanceOf(ChannelClosedException.class, f.error());
        assertEquals(Poll.ready(null), copy.changed().poll(w.cx));
        assertEquals(1, late.borrow());
    }

    @Test
    void aCancelledChangedMarksNothingSeen() {
        var ch = Watch.channel(0);
        var rx = ch.receiver();
        var w = new Wakers();
        var c = rx.changed();
        assertSame(Poll.pending(), c.poll(w.cx));
        c.cancel();
        ch.sender().send(1);
        assertFalse(w.takeWoken());
        assertTrue(rx.hasChanged());
        assertEquals(Poll.ready(null), rx.changed().poll(w.cx));
    }

    @Test
    void receiverCountFollowsSubscribeCopyAndClose() {
        var ch = Watch.channel(0);
        var b = ch.sender().subscribe();
        var c = b.copy();
        assertEquals(3, ch.sender().receiverCount());
        c.close();
        c.close();
        b.close();
        assertEquals(1, ch.sender().send(5));
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aWatcherSeesTheLastValueOnARuntime(boolean multi) throws Exception {
        try (Runtime rt = OneshotTest.runtime(multi)) {
            var ch = Watch.channel(0);
            var rx = ch.receiver();
            var watcher = rt.spawn(Async.async(() -> {
                int last = 0;
                try {
                    while (true) {
                        rx.changed().await();
                        int v = rx.borrowAndUpdate();
                        assertTrue(v > last, "values only move forward");
                        last = v;
                    }
                } catch (ChannelClosedException e) {
                    return last;
                }
            }));
            rt.blockOn(Async.async(() -> {
                for (int i = 1; i <= 200; i++) {
                    ch.sender().send(i);
                }
                ch.sender().close();
                return null;
            }));
            assertEquals(200, rt.blockOn(watcher));
        }
    }

    @Test
    void blockingChangedOnAPlainThread() throws Exception {
        var ch = Watch.channel(0);
        var got = new AtomicReference<Integer>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                ch.receiver().blockingChanged();
                got.set(ch.receiver().borrowAndUpdate());
            } catch (ChannelClosedException e) {
                throw new AssertionError(e);
            }
        });
        ch.sender().send(9);
        t.join(5_000);
        assertEquals(9, got.get());
    }
}
