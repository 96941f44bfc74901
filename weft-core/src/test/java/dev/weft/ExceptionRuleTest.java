package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.CancelledException;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Select;
import dev.weft.future.UncheckedFuture;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.runtime.JoinHandle;
import dev.weft.sync.Broadcast;
import dev.weft.sync.ChannelClosedException;
import dev.weft.sync.LaggedException;
import dev.weft.sync.Mpsc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Weft's rule for checked exceptions, as a user meets it: {@code await()} rethrows a failure as
 * it is and declares what the future can throw ({@code Exception} for arbitrary bodies,
 * {@code IOException} for I/O, nothing checked for locks, channels and joins that report
 * outcomes); {@code join()} is the unchecked await for lambdas; a closed channel and a lagging
 * broadcast receiver are unchecked; select handlers may throw. Each test body is one of the
 * lines that did not compile before.
 */
class ExceptionRuleTest {

    @Test
    void joinInAStreamLambdaGivesTheValues() throws Exception {
        List<Integer> out = Weft.run(() -> {
            List<JoinHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                handles.add(Weft.spawn(() -> n * 10));
            }
            return handles.stream().map(h -> h.join()).toList();
        });
        assertEquals(List.of(0, 10, 20), out);
    }

    @Test
    void joinThrowsAnUncheckedFailureAsItIsAndWrapsACheckedOne() {
        IllegalArgumentException bad = new IllegalArgumentException("bad");
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> Futures.<Integer>failed(bad).join()));
        IOException io = new IOException("io");
        CompletionException wrapped = assertThrows(CompletionException.class, () -> Futures.<Integer>failed(io).join());
        assertSame(io, wrapped.getCause());
        CancelledException cancelled = new CancelledException("gone");
        assertSame(cancelled, assertThrows(CancelledException.class, () -> Futures.<Integer>failed(cancelled).join()));
        assertEquals(7, Futures.ready(7).join());
    }

    @Test
    void aChannelSendAwaitsInsideForEachAndAClosedChannelIsUnchecked() throws Exception {
        List<String> got = Weft.run(() -> {
            Mpsc.Channel<String> ch = Mpsc.bounded(4);
            List<String> lines = List.of("a", "b", "c");
            lines.forEach(line -> ch.sender().send(line).await());
            Mpsc.Permit<String> permit = ch.sender().reserve().await();
            permit.send("d");
            ch.sender().close();
            List<String> seen = new ArrayList<>();
            for (Optional<String> m; (m = ch.receiver().recv().await()).isPresent(); ) {
                seen.add(m.get());
            }
            return seen;
        });
        assertEquals(List.of("a", "b", "c", "d"), got);

        Mpsc.Channel<String> ch = Mpsc.bounded(1);
        ch.receiver().close();
        Runnable send = () -> ch.sender().send("x").await(); // compiles: nothing checked
        RuntimeException e = assertThrows(ChannelClosedException.class, send::run);
        assertTrue(e.getMessage().contains("receiver was closed"), e.getMessage());
        assertThrows(ChannelClosedException.class, () -> ch.sender().reserve().await());
    }

    @Test
    void aBroadcastReceiveInARunnableReportsALagUnchecked() {
        Broadcast.Channel<Integer> ch = Broadcast.channel(2);
        for (int i = 0; i < 5; i++) {
            ch.sender().send(i);
        }
        Runnable recv = () -> ch.receiver().recv().await(); // compiles: nothing checked
        LaggedException lag = assertThrows(LaggedException.class, recv::run);
        assertEquals(3, lag.skipped());
        assertEquals(Optional.of(3), ch.receiver().recv().join());
    }

    @Test
    void aSelectHandlerMayAwaitAWriteAndItsIoExceptionIsTheSelectsFailure() throws Exception {
        String seen = Weft.run(() -> {
            try (TcpListener listener = TcpListener.bind("127.0.0.1:0")) {
                JoinHandle<TcpStream> accepted = Weft.spawn(() -> listener.accept().await());
                try (TcpStream out = TcpStream.connect(listener.localAddress()).await();
                     TcpStream in = accepted.await()) {
                    Mpsc.Channel<String> rx = Mpsc.bounded(1);
                    rx.sender().send("hello").await();
                    boolean more = Select.<Boolean>builder()
                            .onNext(rx.receiver(), s -> {
                                out.writeAll(ByteBuffer.wrap(s.getBytes())).await(); // IOException allowed
                                return true;
                            }, () -> false)
                            .build()
                            .await();
                    assertTrue(more);
                    ByteBuffer buf = ByteBuffer.allocate(5);
                    while (buf.hasRemaining()) {
                        in.read(buf).await();
                    }
                    return new String(buf.array());
                }
            }
        });
        assertEquals("hello", seen);

        IOException broken = new IOException("broken pipe");
        Future<Boolean> select = Select.<Boolean>builder()
                .on(Futures.ready(1), v -> { throw broken; })
                .build();
        assertSame(broken, assertThrows(IOException.class, () -> Futures.blockOn(select)));
    }

    @Test
    void aSocketAwaitStillLetsTheCallerCatchIoException() throws Exception {
        boolean caught = Weft.run(() -> {
            try (TcpListener listener = TcpListener.bind("127.0.0.1:0")) {
                JoinHandle<TcpStream> accepted = Weft.spawn(() -> listener.accept().await());
                TcpStream out = TcpStream.connect(listener.localAddress()).await();
                try (TcpStream in = accepted.await()) {
                    out.close();
                    try {
                        out.read(ByteBuffer.allocate(8)).await(); // read after close: an IOException
                        return false;
                    } catch (IOException e) { // IoFuture: IOException and nothing else checked
                        return true;
                    }
                }
            }
        });
        assertTrue(caught);
    }

    @Test
    void libraryFuturesThatCannotFailCheckedAreUncheckedFutures() {
        Mpsc.Channel<String> ch = Mpsc.bounded(1);
        assertInstanceOf(UncheckedFuture.class, ch.sender().send("x"));
        assertInstanceOf(UncheckedFuture.class, ch.sender().reserve());
        assertInstanceOf(UncheckedFuture.class, ch.receiver().recv());
        assertInstanceOf(UncheckedFuture.class, new dev.weft.sync.Mutex<>(1).lock());
        assertInstanceOf(UncheckedFuture.class, new dev.weft.sync.Semaphore(1).acquire());
        assertInstanceOf(UncheckedFuture.class, new dev.weft.sync.Notify().notified());
        assertTrue(RuntimeException.class.isAssignableFrom(ChannelClosedException.class));
        assertTrue(RuntimeException.class.isAssignableFrom(LaggedException.class));
    }
}
