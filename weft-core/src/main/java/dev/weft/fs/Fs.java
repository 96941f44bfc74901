package dev.weft.fs;

import dev.weft.future.internal.Args;
import dev.weft.io.IoFuture;
import dev.weft.io.blocking.BlockingFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.Callable;

/**
 * Whole-file and directory operations (Tokio's {@code tokio::fs} functions): each returns a
 * lazy {@link IoFuture} whose first poll runs the JDK's blocking call ({@link Files}) on the
 * runtime's blocking pool, so no worker ever waits for the disk.
 *
 * <p>Faults are the JDK's, as they are: a missing file fails the future with
 * {@link java.nio.file.NoSuchFileException}, an existing one where none may be with
 * {@link java.nio.file.FileAlreadyExistsException}, a denied access with
 * {@link java.nio.file.AccessDeniedException}. Bad arguments (a null path) throw
 * {@link IllegalArgumentException} at once.
 *
 * <p><b>Cancel safety:</b> cancelling a future before its call started on the blocking pool
 * means the call never runs; once it runs it cannot be stopped, so it completes and its result
 * is dropped (a cancelled {@link #write} may or may not have written the file).
 *
 * {@snippet :
 * Fs.createDirAll(dir).await();
 * Fs.write(dir.resolve("greeting.txt"), "hello\n").await();
 * String text = Fs.readToString(dir.resolve("greeting.txt")).await();
 * }
 */
public final class Fs {
    private Fs() {
    }

    /**
     * Reads a whole file into a byte array.
     *
     * @param path the file
     * @return the future of its whole content
     * @throws IllegalArgumentException if {@code path} is null
     */
    public static IoFuture<byte[]> read(Path path) {
        Args.notNull(path, "path");
        return blocking(() -> Files.readAllBytes(path));
    }

    /**
     * Reads a whole file into a string.
     *
     * @param path the file, in UTF-8
     * @return the future of its whole content; bytes that are not UTF-8 fail it with
     *     {@link java.nio.charset.MalformedInputException}
     * @throws IllegalArgumentException if {@code path} is null
     */
    public static IoFuture<String> readToString(Path path) {
        Args.notNull(path, "path");
        return blocking(() -> Files.readString(path));
    }

    /**
     * Writes {@code contents} as the whole file, creating it or replacing what it held. The
     * bytes are copied at once, so the caller may reuse the array.
     *
     * @param path the file
     * @param contents the bytes
     * @return the future of the write
     * @throws IllegalArgumentException if an argument is null
     */
    public static IoFuture<Void> write(Path path, byte[] contents) {
        Args.notNull(path, "path");
        byte[] copy = Args.notNull(contents, "contents").clone();
        return blocking(() -> {
            Files.write(path, copy);
            return null;
        });
    }

    /**
     * Writes {@code contents} in UTF-8 as the whole file, creating it or replacing what it held.
     *
     * @param path the file
     * @param contents the text
     * @return the future of the write
     * @throws IllegalArgumentException if an argument is null
     */
    public static IoFuture<Void> write(Path path, String contents) {
        Args.notNull(contents, "contents");
        return write(path, contents.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Copies the file {@code from} to {@code to}, replacing {@code to} if it exists
     * ({@link Files#copy} with {@code REPLACE_EXISTING}).
     *
     * @param from the file to copy
     * @param to where the copy goes
     * @return the future of the number of bytes copied
     * @throws IllegalArgumentException if an argument is null
     */
    public static IoFuture<Long> copy(Path from, Path to) {
        Args.notNull(from, "from");
        Args.notNull(to, "to");
        return blocking(() -> {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return Files.size(to);
        });
    }

    /**
     * Renames {@code from} to {@code to}, replacing a file at {@code to}.
     *
     * @param from the file or directory
     * @param to its new name
     * @return the future of the rename
     * @throws IllegalArgumentException if an argument is null
     */
    public static IoFuture<Void> rename(Path from, Path to) {
        Args.notNull(from, "from");
        Args.notNull(to, "to");
        return blocking(() -> {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            return null;
        });
    }

    /**
     * Creates a directory.
     *
     * @param path the directory to create; its parent must exist
     * @return the future of the creation
     * @throws IllegalArgumentException if {@code path} is null
     */
    public static IoFuture<Void> createDir(Path path) {
        Args.notNull(path, "path");
        return blocking(() -> {
            Files.createDirectory(path);
            return null;
        });
    }

    /**
     * Creates a directory and every missing parent; done at once if it exists.
     *
     * @param path the directory
     * @return the future of the creation
     * @throws IllegalArgumentException if {@code path} is null
     */
    public static IoFuture<Void> createDirAll(Path path) {
        Args.notNull(path, "path");
        return blocking(() -> {
            Files.createDirectories(path);
            return null;
        });
    }

    /**
     * Removes a file (or a symbolic link, not its target). A directory is refused with a
     * {@link FileSystemException}: use {@link #removeDir} or {@link #removeDirAll}.
     *
     * @param path the file
     * @return the future of the removal
     * @throws IllegalArgumentException if {@code path} is null
     */
    public static IoFuture<Void> remove(Path path) {
        Args.notNull(path, "path");
        return blocking(() -> {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(path.toString(), null, "is a directory: use Fs.removeDir or Fs.removeDirAll");
            }
            Files.delete(path);
            return null;
        });
    }

    /**
     * Removes an empty directory.
     *
     * @param path an empty directory
     * @return the future of its removal; a directory that is not empty fails it with
     *     {@link java.nio.file.DirectoryNotEmptyException}
     * @throws IllegalArgumentException if {@code path} is null
     */
    public static IoFuture<Void> removeDir(Path path) {
        Args.notNull(path, "path");
        return blocking(() -> {
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new NotDirectoryException(path.toString());
            }
            Files.delete(path);
            return null;
        });
    }

    /**
     * Removes a directory and everything in it. Symbolic links inside are removed, never
     * followed. A fault midway leaves what was not removed yet.
     *
     * @param path the directory
     * @return the future of the removal
     * @throws IllegalArgumentException if {@code path} is null
     */
    public static IoFuture<Void> removeDirAll(Path path) {
        Args.notNull(path, "path");
        return blocking(() -> {
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new NotDirectoryException(path.toString());
            }
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
            return null;
        });
    }

    /**
     * The attributes of a file or directory (following symbolic links): size, times, kind.
     *
     * @param path the file or directory
     * @return the future of its attributes
     * @throws IllegalArgumentException if {@code path} is null
     */
    public static IoFuture<BasicFileAttributes> metadata(Path path) {
        Args.notNull(path, "path");
        return blocking(() -> Files.readAttributes(path, BasicFileAttributes.class));
    }

    /**
     * Whether {@code path} exists (following symbolic links). Unlike {@link Files#exists}, a
     * fault other than "missing" (a denied access) fails the future instead of answering false.
     *
     * @param path the file or directory
     * @return the future of the answer
     * @throws IllegalArgumentException if {@code path} is null
     */
    public static IoFuture<Boolean> exists(Path path) {
        Args.notNull(path, "path");
        return blocking(() -> {
            try {
                Files.readAttributes(path, BasicFileAttributes.class);
                return true;
            } catch (java.nio.file.NoSuchFileException e) {
                return false;
            }
        });
    }

    private static <T> IoFuture<T> blocking(Callable<T> body) {
        return BlockingFuture.of(body);
    }
}
