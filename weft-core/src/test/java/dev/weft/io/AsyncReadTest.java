package dev.weft.io;

import static dev.weft.io.FakeReader.EOF;
import static dev.weft.io.FakeReader.PENDING;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Poll;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.TestWaker;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsyncReadTest {
    private final TestWaker cx = new TestWaker();

    static void assertRejects(String message, Runnable call) {
        var e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void readGivesWhatIsThereAndAdvancesThePosition() {
        var r = FakeReader.of("hello");
        var buf = ByteBuffer.allocate(3);
        assertEquals(3, cx.ready(r.read(buf)));
        assertEquals(3, buf.position());
        buf.clear();
        assertEquals(2, cx.ready(r.read(buf)));
        assertEquals("lo", new String(buf.array(), 0, 2, StandardCharsets.UTF_8));
        assertEquals(Io.EOF, cx.ready(r.read(buf.clear())));
        assertEquals(0, cx.ready(r.read(ByteBuffer.allocate(0))), "an empty buffer reads 0 at once");
    }

    @Test
    void aPendingReadKeepsTheWakerAndCompletesOnTheNextPoll() {
        var r = FakeReader.of(PENDING, "x");
        var f = r.read(ByteBuffer.allocate(4));
        assertSame(Poll.pending(), cx.poll(f));
        assertSame(cx, r.waker);
        assertEquals(1, cx.ready(f));
        assertThrows(IllegalStateException.class, () -> cx.poll(f), "polled after it completed");
        var g = r.read(ByteBuffer.allocate(4));
        g.cancel();
        assertThrows(IllegalStateException.class, () -> cx.poll(g), "polled after it was cancelled");
    }

    @Test
    void aFaultOfTheReaderIsTheFailureAsItIs() {
        var boom = new IOException("reset by peer");
        var r = FakeReader.of("ab", boom);
        assertSame(boom, cx.failed(r.readExact(ByteBuffer.allocate(5))));
        assertSame(boom, cx.failed(FakeReader.of(boom).read(ByteBuffer.allocate(1))));
        var slow = FakeReader.of("x", PENDING, boom).readToEnd();
        assertSame(Poll.pending(), cx.poll(slow));
        assertSame(boom, cx.failed(slow));
    }

    @Test
    void badArgumentsAreRejectedByName() {
        var r = FakeReader.of();
        assertRejects("dst must not be null", () -> r.read(null));
        assertRejects("dst must not be read-only", () -> r.read(ByteBuffer.allocate(1).asReadOnlyBuffer()));
        assertRejects("dst must not be null", () -> r.readExact(null));
        assertRejects("dst must not be read-only", () -> r.readExact(ByteBuffer.allocate(1).asReadOnlyBuffer()));
        assertRejects("charset must not be null", () -> r.readToString(null));
    }

    @Test
    void readExactFillsTheBufferAcrossChunksAndPendings() {
        var r = FakeReader.of("ab", PENDING, "cd", PENDING, "efgh");
        var buf = ByteBuffer.allocate(6);
        var f = r.readExact(buf);
        assertSame(Poll.pending(), cx.poll(f));
        assertSame(Poll.pending(), cx.poll(f));
        assertEquals(null, cx.ready(f));
        assertEquals("abcdef", new String(buf.array(), StandardCharsets.UTF_8));
        var rest = ByteBuffer.allocate(2);
        cx.ready(r.readExact(rest));
        assertEquals("gh", new String(rest.array(), StandardCharsets.UTF_8), "nothing was read beyond the buffer");
    }

    @Test
    void readExactAtTheEndFailsWithEofAndKeepsTheBytesThatCame() {
        var buf = ByteBuffer.allocate(5);
        var e = assertInstanceOf(EOFException.class, cx.failed(FakeReader.of("abc", EOF).readExact(buf)));
        assertTrue(e.getMessage().contains("after 3 of 5 bytes"), e.getMessage());
        assertEquals(3, buf.position());
        var empty = FakeReader.of();
        cx.ready(empty.readExact(ByteBuffer.allocate(0)));
        assertEquals(0, empty.polls, "an empty buffer is full without reading");
    }

    @Test
    void aCancelledReadExactLeavesWhatItReadInTheBuffer() {
        var r = FakeReader.of("abc", PENDING, "de");
        var buf = ByteBuffer.allocate(5);
        var f = r.readExact(buf);
        assertSame(Poll.pending(), cx.poll(f));
        f.cancel();
        assertEquals(3, buf.position(), "the consumed bytes are in the buffer");
        cx.ready(r.readExact(buf));
        assertEquals("abcde", new String(buf.array(), StandardCharsets.UTF_8));
    }

    @Test
    void aReaderThatReadsZeroIntoRoomIsAContractFault() {
        AsyncRead zero = (c, dst) -> 0;
        var e = assertInstanceOf(IOException.class, cx.failed(zero.readExact(ByteBuffer.allocate(2))));
        assertTrue(e.getMessage().contains("read 0 bytes"), e.getMessage());
        assertInstanceOf(IOException.class, cx.failed(zero.readToEnd()));
    }

    @Test
    void readToEndCollectsEveryChunkAndGrows() {
        byte[] data = new byte[5000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        var r = new FakeReader();
        for (int i = 0; i < data.length; i += 700) {
            r.add(Arrays.copyOfRange(data, i, Math.min(data.length, i + 700))).add(PENDING);
        }
        var f = r.readToEnd();
        int pendings = 0;
        Poll<byte[]> p;
        while ((p = cx.poll(f)).isPending()) {
            pendings++;
        }
        assertEquals(8, pendings);
        assertArrayEquals(data, p.get());
        assertArrayEquals(new byte[0], cx.ready(FakeReader.of().readToEnd()));
    }

    @Test
    void readToStringDecodesUtf8SplitAcrossChunksStrictly() {
        byte[] utf8 = "héllo ✓ \uFFFD".getBytes(StandardCharsets.UTF_8);
        var r = FakeReader.of(Arrays.copyOfRange(utf8, 0, 2), PENDING, Arrays.copyOfRange(utf8, 2, utf8.length));
        var f = r.readToString();
        assertSame(Poll.pending(), cx.poll(f));
        assertEquals("héllo ✓ \uFFFD", cx.ready(f), "an encoded U+FFFD is text, not an error");
        var bad = FakeReader.of(new byte[] {'o', 'k', (byte) 0xC3});
        assertInstanceOf(MalformedInputException.class, cx.failed(bad.readToString()));
        var latin = FakeReader.of(new byte[] {'c', 'a', 'f', (byte) 0xE9});
        assertEquals("café", cx.ready(latin.readToString(StandardCharsets.ISO_8859_1)));
        var ascii = FakeReader.of(new byte[] {(byte) 0xE9});
        assertInstanceOf(MalformedInputException.class, cx.failed(ascii.readToString(StandardCharsets.US_ASCII)));
    }

    @Test
    void cancellingReadToEndReleasesTheReader() {
        var r = FakeReader.of("abc", PENDING, "def");
        var f = r.readToEnd();
        assertSame(Poll.pending(), cx.poll(f));
        f.cancel();
        assertThrows(IllegalStateException.class, () -> cx.poll(f));
        assertEquals("def", cx.ready(r.readToString()), "documented: the bytes read before the cancel are lost");
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aCoroutineReadsWhatAnotherTaskWrites(boolean multi) throws Exception {
        try (Runtime rt = TestWaker.runtime(multi)) {
            var p = Io.duplex(7);
            var writer = rt.spawn(Async.async(() -> {
                p.a().writeAll(ByteBuffer.wrap("0123456789header-and-then-the-rest".getBytes(StandardCharsets.UTF_8))).await();
                p.a().shutdown().await();
                return null;
            }));
            var reader = rt.spawn(Async.async(() -> {
                var header = ByteBuffer.allocate(10);
                p.b().readExact(header).await();
                var one = ByteBuffer.allocate(3);
                int n = p.b().read(one).await();
                String rest = p.b().readToString().await();
                return new String[] {new String(header.array(), StandardCharsets.UTF_8),
                        new String(one.array(), 0, n, StandardCharsets.UTF_8), rest};
            }));
            rt.blockOn(writer);
            String[] got = rt.blockOn(reader);
            assertEquals("0123456789", got[0]);
            assertTrue(got[1].length() >= 1 && got[1].length() <= 3, got[1]);
            assertEquals("header-and-then-the-rest", got[1] + got[2]);
        }
    }
}
