package dev.weft.fs;

import dev.weft.future.Context;
import dev.weft.future.internal.Args;
import dev.weft.io.AsyncRead;
import dev.weft.io.AsyncWrite;
import dev.weft.io.IoFuture;
import dev.weft.io.blocking.BlockingStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * An open file, read and written without blocking a worker (Tokio's {@code fs::File}). Open one
 * with {@link #open} (read), {@link #create} (write, create, truncate) or {@link #options()}.
 *
 * <p><b>Where the work happens.</b> Operating systems offer no readiness for regular files, so
 * every call into the file runs on the runtime's blocking pool ({@code spawnBlocking}), as in
 * Tokio. A file keeps an internal buffer and has at most one blocking operation in flight:
 * <ul>
 * <li>{@link #pollRead} returns bytes left from the last blocking read at once; otherwise it
 *     hands a read of up to {@code min(dst.remaining(), maxBufSize)} bytes to the pool and is
 *     pending until it returns.</li>
 * <li>{@link #pollWrite} waits for the operation in flight, copies up to {@code maxBufSize}
 *     bytes of {@code src} into the buffer and hands a blocking write of them to the pool. <b>The
 *     write is complete once the bytes are handed off</b>, not when they reach the file: its
 *     fault, if any, is reported by the next operation. {@link #pollFlush} (and
 *     {@link #pollShutdown}) waits for the operation in flight and reports its fault; flush
 *     before relying on the bytes being written, and {@link #syncAll} to have them on disk.</li>
 * <li>{@link #seek}, {@link #syncAll}, {@link #syncData} and {@link #setLen} wait their turn
 *     the same way, then run on the pool. Bytes read ahead and not returned are dropped first,
 *     and the file's position moves back to where the reader stopped.</li>
 * </ul>
 * {@code maxBufSize} is 2 MiB unless {@link #setMaxBufSize set}; larger reads and writes are
 * split.
 *
 * <p><b>Cancel safety.</b> The poll methods hold no registration besides the waker. A future
 * of {@link #seek} and the like that is cancelled before its turn never runs; once handed to
 * the pool it runs to its end, and the next operation waits for it. A read whose caller gave
 * up keeps its bytes in the buffer for the next read: nothing is lost.
 *
 * <p><b>Threads.</b> A file is used by one task at a time, like any future. {@link #close()}
 * releases it (use after close fails with {@link java.nio.channels.ClosedChannelException}); a
 * write handed off before still completes, then the file is closed.
 *
 * {@snippet :
 * try (File f = File.options().read(true).write(true).create(true).open(path).await()) {
 *     f.setLen(0).await();                   // then pollWrite, or the helpers of dev.weft.io
 *     f.seek(0).await();
 *     f.syncAll().await();                   // a write's fault shows here at the latest
 * }
 * }
 */
public final class File implements AsyncRead, AsyncWrite, AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final BlockingStream stream;
    private final boolean readable;
    private final boolean writable;

    File(Path path, FileChannel channel, boolean readable, boolean writable) {
        this.path = path;
        this.channel = channel;
        this.stream = new BlockingStream(new FileIo(channel, path));
        this.readable = readable;
        this.writable = writable;
    }

    /**
     * Opens a file for reading. The open itself runs on the blocking pool when the future is
     * first polled; a missing file fails the future with
     * {@link java.nio.file.NoSuchFileException}.
     *
     * @param path the file
     * @return the future of the open file
     * @throws IllegalArgumentException if {@code path} is null
     */
    public static IoFuture<File> open(Path path) {
        return options().read(true).open(path);
    }

    /**
     * Opens a file for writing, creating it if needed and truncating it if it exists.
     *
     * @param path the file
     * @return the future of the open file
     * @throws IllegalArgumentException if {@code path} is null
     */
    public static IoFuture<File> create(Path path) {
        return options().write(true).create(true).truncate(true).open(path);
    }

    /** {@return a new set of options, nothing set, to open a file with} */
    public static OpenOptions options() {
        return new OpenOptions();
    }

    /** {@return the path this file was opened with} */
    public Path path() {
        return path;
    }

    /** Reads from the file's position; see the class notes. */
    @Override
    public int pollRead(Context cx, ByteBuffer dst) throws IOException {
        Args.notNull(dst, "dst");
        if (!readable && !stream.isClosed()) {
            throw new IOException("file was not opened for reading: " + path);
        }
        return stream.pollRead(cx, dst);
    }

    /** Writes at the file's position (or its end, in append mode); see the class notes. */
    @Override
    public int pollWrite(Context cx, ByteBuffer src) throws IOException {
        Args.notNull(src, "src");
        if (!writable && !stream.isClosed()) {
            throw new IOException("file was not opened for writing: " + path);
        }
        return stream.pollWrite(cx, src);
    }

    /** Waits for the blocking operation in flight and reports a handed-off write's fault. */
    @Override
    public boolean pollFlush(Context cx) throws IOException {
        return stream.pollFlush(cx);
    }

    /** The same as {@link #pollFlush}: a file has no write direction to close on its own. */
    @Override
    public boolean pollShutdown(Context cx) throws IOException {
        return stream.pollFlush(cx);
    }

    /**
     * Moves the position for the next read or write.
     *
     * @param position the offset from the start of the file; beyond the end is allowed (a write
     *     there leaves a gap of zeros)
     * @return the future of the new position
     * @throws IllegalArgumentException if {@code position} is negative
     */
    public IoFuture<Long> seek(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative, was " + position);
        }
        return stream.submit(() -> {
            channel.position(position);
            return position;
        });
    }

    /**
     * Writes the file's content and metadata to the storage device ({@code fsync}), after the
     * write in flight.
     *
     * @return the future of the sync
     */
    public IoFuture<Void> syncAll() {
        return stream.submit(() -> {
            channel.force(true);
            return null;
        });
    }

    /**
     * Like {@link #syncAll} but without metadata that reading does not need ({@code fdatasync}).
     *
     * @return the future of the sync
     */
    public IoFuture<Void> syncData() {
        return stream.submit(() -> {
            channel.force(false);
            return null;
        });
    }

    /**
     * Truncates or extends (with zeros) the file to {@code size} bytes. A position beyond the
     * new size moves to it (the JDK's {@code truncate}).
     *
     * @param size the new length
     * @return the future of the change
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public IoFuture<Void> setLen(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + size);
        }
        return stream.submit(() -> {
            if (!writable) {
                throw new IOException("file was not opened for writing: " + path);
            }
            long now = channel.size();
            if (size < now) {
                channel.truncate(size);
            } else if (size > now) {
                channel.write(ByteBuffer.allocate(1), size - 1); // positional: the position stays
            }
            return null;
        });
    }

    /**
     * Sets the most bytes one blocking read or write moves (default 2 MiB): a larger buffer means
     * fewer trips to the blocking pool for big transfers, and more memory per file.
     *
     * @param size the size, at least 1
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public void setMaxBufSize(int size) {
        stream.setMaxBufSize(size);
    }

    /**
     * Closes the file without waiting: later operations fail with
     * {@link java.nio.channels.ClosedChannelException}. A write handed off before completes
     * first; its fault, and a fault of closing, are not reported, so flush (or sync) first to
     * learn of them. Idempotent.
     */
    @Override
    public void close() {
        stream.close();
    }

    @Override
    public String toString() {
        return "File[" + path + (stream.isClosed() ? ", closed]" : "]");
    }
}
