package dev.weft.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.io.Io;
import dev.weft.io.blocking.PollIo;
import dev.weft.runtime.Runtime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class FileTest {
    @TempDir
    Path dir;

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void writeSeekAndReadBackInChunks(boolean multi) throws Exception {
        byte[] data = new byte[100_000];
        new Random(7).nextBytes(data);
        try (Runtime rt = FsTest.runtime(multi)) {
            FsTest.run(rt, () -> {
                Path p = dir.resolve("data");
                try (File f = File.options().read(true).write(true).create(true).open(p).await()) {
                    f.setMaxBufSize(4096); // many trips to the pool, each at most 4 KiB
                    PollIo.writeAll(f, data).await();
                    assertEquals(0L, f.seek(0).await());
                    assertArrayEquals(data, PollIo.readToEnd(f, 1000).await());
                    assertNull(PollIo.readOnce(f, 10).await(), "the end again");
                    assertEquals(99_990L, f.seek(99_990).await());
                    assertEquals(10, PollIo.readToEnd(f).await().length);
                    f.syncAll().await();
                    f.syncData().await();
                }
                assertArrayEquals(data, Files.readAllBytes(p));
                try (File f = File.open(p).await()) {
                    assertArrayEquals(data, PollIo.readToEnd(f).await());
                }
                return null;
            });
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void createTruncatesAppendAppendsAndSetLenCutsOrExtends(boolean multi) throws Exception {
        try (Runtime rt = FsTest.runtime(multi)) {
            FsTest.run(rt, () -> {
                Path p = dir.resolve("f");
                Files.writeString(p, "old content");
                try (File f = File.create(p).await()) {
                    PollIo.writeAll(f, utf8("new")).await();
                }
                assertEquals("new", Files.readString(p));
                try (File f = File.options().append(true).open(p).await()) {
                    PollIo.writeAll(f, utf8("+more")).await();
                }
                assertEquals("new+more", Files.readString(p));
                try (File f = File.options().write(true).open(p).await()) {
                    f.setLen(3).await();
                    assertEquals("new", Files.readString(p));
                    f.setLen(5).await();
                    assertArrayEquals(new byte[] {'n', 'e', 'w', 0, 0}, Files.readAllBytes(p));
                }
                try (File f = File.options().write(true).createNew(true).open(dir.resolve("fresh")).await()) {
                    PollIo.writeAll(f, utf8("x")).await();
                }
                assertEquals("x", Files.readString(dir.resolve("fresh")));
                return null;
            });
        }
    }

    @Test
    void bytesReadAheadAreKeptForTheNextReadAndAWriteGoesWhereTheReaderStopped() throws Exception {
        Path p = dir.resolve("f");
        Files.writeString(p, "0123456789");
        try (Runtime rt = Runtime.builder().currentThread().maxBlockingThreads(1).build()) {
            File f = rt.blockOn(File.options().read(true).write(true).open(p));
            var gate = new java.util.concurrent.CountDownLatch(1);
            var blocker = rt.spawnBlocking(() -> gate.await(10, java.util.concurrent.TimeUnit.SECONDS));
            var cx = new PollIo.Wakes();
            ByteBuffer big = ByteBuffer.allocate(10);
            assertEquals(Io.PENDING, (int) PollIo.call(rt, cx, c -> f.pollRead(c, big)));
            gate.countDown();
            rt.blockOn(blocker);
            cx.awaitWake(); // the blocking read of 10 bytes is done; its caller gave up
            ByteBuffer small = ByteBuffer.allocate(3);
            assertEquals(3, (int) PollIo.call(rt, cx, c -> f.pollRead(c, small)));
            assertEquals("012", new String(small.array(), StandardCharsets.US_ASCII));
            assertEquals(0, big.position(), "the abandoned buffer was never touched");
            assertEquals(2, (int) PollIo.call(rt, cx, c -> f.pollWrite(c, ByteBuffer.wrap(utf8("XY")))));
            rt.blockOn(PollIo.flush(f));
            assertArrayEquals(utf8("56789"), rt.blockOn(PollIo.readOnce(f, 10)), "the write moved the position on");
            f.close();
            assertEquals("012XY56789", Files.readString(p));
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void openFaultsAndMisuse(boolean multi) throws Exception {
        Path p = dir.resolve("f");
        Files.writeString(p, "x");
        try (Runtime rt = FsTest.runtime(multi)) {
            FsTest.assertFails(NoSuchFileException.class, rt, () -> File.open(dir.resolve("missing")).await());
            FsTest.assertFails(FileAlreadyExistsException.class, rt,
                    () -> File.options().write(true).createNew(true).open(p).await());
            File ro = rt.blockOn(File.open(p));
            IOException e = assertThrows(IOException.class, () -> rt.blockOn(PollIo.writeAll(ro, utf8("y"))));
            assertTrue(e.getMessage().contains("not opened for writing"), e.getMessage());
            e = assertThrows(IOException.class, () -> rt.blockOn(ro.setLen(0)));
            assertTrue(e.getMessage().contains("not opened for writing"), e.getMessage());
            ro.close();
            ro.close(); // idempotent
            assertThrows(ClosedChannelException.class, () -> rt.blockOn(PollIo.readOnce(ro, 1)));
            assertThrows(ClosedChannelException.class, () -> rt.blockOn(PollIo.flush(ro)));
            assertThrows(ClosedChannelException.class, () -> rt.blockOn(ro.seek(0)));
            File wo = rt.blockOn(File.options().write(true).open(p));
            e = assertThrows(IOException.class, () -> rt.blockOn(PollIo.readOnce(wo, 1)));
            assertTrue(e.getMessage().contains("not opened for reading"), e.getMessage());
            wo.close();
        }
    }

    @Test
    void aHandedOffWriteCompletesAtOnceAndItsFaultComesWithTheFlush() throws Exception {
        Path full = Path.of("/dev/full"); // every write fails: no space left on device
        assumeTrue(Files.isWritable(full), "no writable /dev/full here (Linux has one)");
        try (Runtime rt = FsTest.runtime(false)) {
            File f = rt.blockOn(File.options().write(true).open(full));
            var cx = new PollIo.Wakes();
            assertEquals(3, (int) PollIo.call(rt, cx, c -> f.pollWrite(c, ByteBuffer.wrap(utf8("abc")))));
            IOException e = assertThrows(IOException.class, () -> rt.blockOn(PollIo.flush(f)));
            assertFalse(e instanceof ClosedChannelException, e.toString());
            rt.blockOn(PollIo.flush(f)); // reported once
            f.close();
        }
    }

    @Test
    void badArgumentsAreNamed() throws Exception {
        FsTest.assertNamed("path", () -> File.open(null));
        FsTest.assertNamed("path", () -> File.create(null));
        FsTest.assertNamed("OpenOptions:", () -> File.options().open(dir));
        FsTest.assertNamed("OpenOptions:", () -> File.options().read(true).create(true).open(dir));
        FsTest.assertNamed("OpenOptions:", () -> File.options().read(true).truncate(true).open(dir));
        FsTest.assertNamed("OpenOptions:", () -> File.options().append(true).truncate(true).open(dir));
        Files.writeString(dir.resolve("f"), "x");
        try (Runtime rt = FsTest.runtime(false); File f = rt.blockOn(File.open(dir.resolve("f")))) {
            FsTest.assertNamed("position", () -> f.seek(-1));
            FsTest.assertNamed("size", () -> f.setLen(-1));
            FsTest.assertNamed("maxBufSize", () -> f.setMaxBufSize(0));
            FsTest.assertNamed("dst", () -> f.pollRead(new PollIo.Wakes(), null));
            FsTest.assertNamed("src", () -> f.pollWrite(new PollIo.Wakes(), null));
            assertEquals(0, f.pollRead(new PollIo.Wakes(), ByteBuffer.allocate(0)), "nothing asked: 0 at once");
        }
    }

    @Test
    void anOperationCancelledBeforeItsTurnNeverRunsAndCloseWaitsForTheWriteInFlight() throws Exception {
        Path p = dir.resolve("f");
        try (Runtime rt = Runtime.builder().currentThread().maxBlockingThreads(1).build()) {
            File f = rt.blockOn(File.options().read(true).write(true).create(true).open(p));
            var gate = new java.util.concurrent.CountDownLatch(1);
            var blocker = rt.spawnBlocking(() -> gate.await(10, java.util.concurrent.TimeUnit.SECONDS));
            var cx = new PollIo.Wakes();
            assertEquals(5, (int) PollIo.call(rt, cx, c -> f.pollWrite(c, ByteBuffer.wrap(utf8("hello")))));
            var seek = f.seek(1000);
            assertTrue((boolean) PollIo.call(rt, cx, c -> seek.poll(c).isPending()), "waits for the write's turn");
            seek.cancel();
            gate.countDown();
            rt.blockOn(blocker);
            rt.blockOn(PollIo.writeAll(f, utf8("!")));
            assertEquals("hello!", Files.readString(p), "the cancelled seek never ran");
            var gate2 = new java.util.concurrent.CountDownLatch(1);
            var blocker2 = rt.spawnBlocking(() -> gate2.await(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, (int) PollIo.call(rt, cx, c -> f.pollWrite(c, ByteBuffer.wrap(utf8("?")))));
            f.close(); // the write is queued behind blocker2: it still happens, then the file closes
            gate2.countDown();
            rt.blockOn(blocker2);
            rt.blockOn(rt.spawnBlocking(() -> null)); // FIFO: the write ran
            assertEquals("hello!?", Files.readString(p));
            assertThrows(ClosedChannelException.class, () -> rt.blockOn(PollIo.flush(f)));
        }
    }
}
