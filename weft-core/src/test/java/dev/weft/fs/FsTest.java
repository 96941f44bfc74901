package dev.weft.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Futures;
import dev.weft.io.blocking.PollIo;
import dev.weft.runtime.Runtime;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class FsTest {
    @TempDir
    Path dir;

    static Runtime runtime(boolean multi) {
        return multi ? Runtime.builder().multiThread().workerThreads(2).build() : Runtime.builder().currentThread().build();
    }

    static <T> T run(Runtime rt, Callable<T> body) throws Exception {
        return rt.blockOn(Async.async(body));
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void writeReadCopyRenameAndRemove(boolean multi) throws Exception {
        try (Runtime rt = runtime(multi)) {
            run(rt, () -> {
                Path sub = dir.resolve("a/b/c");
                Fs.createDirAll(sub).await();
                Fs.createDirAll(sub).await(); // exists: fine
                Path f = sub.resolve("hello.txt");
                Fs.write(f, "héllo\n").await();
                assertEquals("héllo\n", Fs.readToString(f).await());
                assertArrayEquals("héllo\n".getBytes(StandardCharsets.UTF_8), Fs.read(f).await());
                assertEquals(7L, Fs.copy(f, sub.resolve("copy.txt")).await());
                assertEquals("héllo\n", Files.readString(sub.resolve("copy.txt")));
                BasicFileAttributes attrs = Fs.metadata(f).await();
                assertTrue(attrs.isRegularFile());
                assertEquals(7, attrs.size());
                assertTrue(Fs.metadata(sub).await().isDirectory());
                Fs.rename(sub.resolve("copy.txt"), sub.resolve("moved.txt")).await();
                assertFalse(Fs.exists(sub.resolve("copy.txt")).await());
                assertTrue(Fs.exists(sub.resolve("moved.txt")).await());
                Fs.remove(f).await();
                assertFalse(Files.exists(f));
                Fs.createDir(sub.resolve("empty")).await();
                Fs.removeDir(sub.resolve("empty")).await();
                Fs.removeDirAll(dir.resolve("a")).await();
                assertFalse(Files.exists(dir.resolve("a")));
                return null;
            });
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void faultsAreTheJdksExceptionsAsTheFuturesFailures(boolean multi) throws Exception {
        try (Runtime rt = runtime(multi)) {
            Path missing = dir.resolve("missing");
            Files.writeString(dir.resolve("file"), "x");
            Files.createDirectory(dir.resolve("full"));
            Files.writeString(dir.resolve("full/inside"), "x");
            Files.write(dir.resolve("latin1"), new byte[] {(byte) 0xE9, 'x'});
            assertFails(NoSuchFileException.class, rt, () -> Fs.read(missing).await());
            assertFails(NoSuchFileException.class, rt, () -> Fs.readToString(missing).await());
            assertFails(NoSuchFileException.class, rt, () -> Fs.remove(missing).await());
            assertFails(NoSuchFileException.class, rt, () -> Fs.metadata(missing).await());
            assertFails(NoSuchFileException.class, rt, () -> Fs.copy(missing, dir.resolve("to")).await());
            assertFails(NoSuchFileException.class, rt, () -> Fs.removeDirAll(missing).await());
            assertFails(NoSuchFileException.class, rt, () -> Fs.write(missing.resolve("x"), "x").await());
            assertFails(FileAlreadyExistsException.class, rt, () -> Fs.createDir(dir.resolve("file")).await());
            assertFails(FileAlreadyExistsException.class, rt, () -> Fs.createDirAll(dir.resolve("file")).await());
            assertFails(DirectoryNotEmptyException.class, rt, () -> Fs.removeDir(dir.resolve("full")).await());
            assertFails(NotDirectoryException.class, rt, () -> Fs.removeDir(dir.resolve("file")).await());
            assertFails(NotDirectoryException.class, rt, () -> Fs.removeDirAll(dir.resolve("file")).await());
            assertFails(CharacterCodingException.class, rt, () -> Fs.readToString(dir.resolve("latin1")).await());
            FileSystemException e = assertFails(FileSystemException.class, rt, () -> Fs.remove(dir.resolve("full")).await());
            assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
            assertFalse(run(rt, () -> Fs.exists(missing).await()));
        }
    }

    static <E extends Throwable> E assertFails(Class<E> type, Runtime rt, Callable<?> body) {
        return assertThrows(type, () -> run(rt, body));
    }

    @Test
    void badArgumentsAreNamed() {
        Path p = dir.resolve("p");
        assertNamed("path", () -> Fs.read(null));
        assertNamed("path", () -> Fs.readToString(null));
        assertNamed("path", () -> Fs.write(null, new byte[0]));
        assertNamed("contents", () -> Fs.write(p, (byte[]) null));
        assertNamed("contents", () -> Fs.write(p, (String) null));
        assertNamed("from", () -> Fs.copy(null, p));
        assertNamed("to", () -> Fs.copy(p, null));
        assertNamed("from", () -> Fs.rename(null, p));
        assertNamed("to", () -> Fs.rename(p, null));
        assertNamed("path", () -> Fs.createDir(null));
        assertNamed("path", () -> Fs.createDirAll(null));
        assertNamed("path", () -> Fs.remove(null));
        assertNamed("path", () -> Fs.removeDir(null));
        assertNamed("path", () -> Fs.removeDirAll(null));
        assertNamed("path", () -> Fs.metadata(null));
        assertNamed("path", () -> Fs.exists(null));
    }

    static void assertNamed(String name, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(name + " "), e.getMessage());
    }

    @Test
    void pollingOutsideARuntimeSaysHowToGetOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Futures.blockOn(Fs.read(dir)));
        assertTrue(e.getMessage().contains("no Weft runtime"), e.getMessage());
    }

    @Test
    void theContentsAreCopiedWhenWriteIsCalled() throws Exception {
        try (Runtime rt = runtime(false)) {
            byte[] b = {1, 2, 3};
            var w = Fs.write(dir.resolve("f"), b);
            b[0] = 9;
            rt.blockOn(w);
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("f")));
        }
    }

    @Test
    void aWriteCancelledBeforeItsCallStartedNeverRuns() throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().maxBlockingThreads(1).build()) {
            CountDownLatch release = new CountDownLatch(1);
            var blocker = rt.spawnBlocking(() -> release.await(10, TimeUnit.SECONDS)); // holds the only thread
            Path f = dir.resolve("never");
            var w = Fs.write(f, "x");
            var cx = new PollIo.Wakes();
            assertTrue((boolean) PollIo.call(rt, cx, c -> w.poll(c).isPending())); // queued behind the blocker
            w.cancel();
            release.countDown();
            assertTrue(rt.blockOn(blocker));
            rt.blockOn(rt.spawnBlocking(() -> null)); // FIFO: the write's turn has passed
            assertFalse(Files.exists(f));
            assertFalse(cx.takeWoken(), "a cancelled future is not woken");
        }
    }
}
