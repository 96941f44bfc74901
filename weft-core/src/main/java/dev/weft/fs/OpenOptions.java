package dev.weft.fs;

import dev.weft.future.internal.Args;
import dev.weft.io.IoFuture;
import dev.weft.io.blocking.BlockingFuture;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;

/**
 * How to open a {@link File} (Tokio's and Rust's {@code OpenOptions}): set the access mode
 * ({@link #read}, {@link #write}, {@link #append}) and what to do about an existing or missing
 * file ({@link #create}, {@link #createNew}, {@link #truncate}), then {@link #open}. Nothing is
 * set at first. The builder is not thread-safe; {@link #open} takes a snapshot, so it can be
 * reused.
 *
 * {@snippet :
 * File log = File.options().append(true).create(true).open(Path.of("app.log")).await();
 * }
 */
public final class OpenOptions {
    private boolean read;
    private boolean write;
    private boolean append;
    private boolean create;
    private boolean createNew;
    private boolean truncate;

    OpenOptions() {
    }

    /**
     * Sets whether the file may be read.
     *
     * @param read whether the file may be read
     * @return this
     */
    public OpenOptions read(boolean read) {
        this.read = read;
        return this;
    }

    /**
     * Sets whether the file may be written.
     *
     * @param write whether the file may be written (at its position)
     * @return this
     */
    public OpenOptions write(boolean write) {
        this.write = write;
        return this;
    }

    /**
     * Sets whether every write goes to the end of the file.
     *
     * @param append whether every write goes to the end of the file (implies writing)
     * @return this
     */
    public OpenOptions append(boolean append) {
        this.append = append;
        return this;
    }

    /**
     * Sets whether a missing file is created.
     *
     * @param create whether to create the file if it is missing (needs write or append)
     * @return this
     */
    public OpenOptions create(boolean create) {
        this.create = create;
        return this;
    }

    /**
     * Sets whether the file must be new.
     *
     * @param createNew whether to create the file and fail with
     *     {@link java.nio.file.FileAlreadyExistsException} if it exists; {@link #create} and
     *     {@link #truncate} are then ignored (needs write or append)
     * @return this
     */
    public OpenOptions createNew(boolean createNew) {
        this.createNew = createNew;
        return this;
    }

    /**
     * Sets whether an existing file is cut to length 0.
     *
     * @param truncate whether to cut an existing file to length 0 (needs write, not append)
     * @return this
     */
    public OpenOptions truncate(boolean truncate) {
        this.truncate = truncate;
        return this;
    }

    /**
     * Opens {@code path} with these options. The open runs on the blocking pool when the future
     * is first polled; faults are the JDK's: {@link java.nio.file.NoSuchFileException},
     * {@link java.nio.file.FileAlreadyExistsException},
     * {@link java.nio.file.AccessDeniedException}, ...
     *
     * <p><b>Cancel safety:</b> cancelling before the open ran means it never runs; a file
     * opened for a cancelled future is closed, not leaked.
     *
     * @param path the file
     * @return the future of the open file
     * @throws IllegalArgumentException if {@code path} is null, or the options do not go
     *     together (no access mode; create, createNew or truncate without write or append;
     *     truncate with append)
     */
    public IoFuture<File> open(Path path) {
        Args.notNull(path, "path");
        Set<StandardOpenOption> opts = options();
        boolean readable = read;
        boolean writable = write || append;
        return BlockingFuture.of(() -> new File(path, FileChannel.open(path, opts), readable, writable), File::close);
    }

    private Set<StandardOpenOption> options() {
        if (!read && !write && !append) {
            throw new IllegalArgumentException("OpenOptions: set read, write or append, none was set");
        }
        boolean writes = write || append;
        if (!writes && (create || createNew || truncate)) {
            throw new IllegalArgumentException("OpenOptions: create, createNew and truncate need write or append, " + this);
        }
        if (append && truncate && !createNew) {
            throw new IllegalArgumentException("OpenOptions: truncate and append do not go together");
        }
        Set<StandardOpenOption> s = EnumSet.noneOf(StandardOpenOption.class);
        if (read) {
            s.add(StandardOpenOption.READ);
        }
        if (write) {
            s.add(StandardOpenOption.WRITE);
        }
        if (append) {
            s.add(StandardOpenOption.APPEND);
        }
        if (createNew) {
            s.add(StandardOpenOption.CREATE_NEW);
        } else {
            if (create) {
                s.add(StandardOpenOption.CREATE);
            }
            if (truncate) {
                s.add(StandardOpenOption.TRUNCATE_EXISTING);
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return "OpenOptions[read=" + read + ", write=" + write + ", append=" + append + ", create=" + create
                + ", createNew=" + createNew + ", truncate=" + truncate + "]";
    }
}
