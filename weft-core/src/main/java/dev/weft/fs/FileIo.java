package dev.weft.fs;

import dev.weft.io.blocking.BlockingChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Path;

/** A {@link File}'s blocking calls, on its {@link FileChannel}. */
final class FileIo implements BlockingChannel {
    private final FileChannel channel;
    private final Path path;

    FileIo(FileChannel channel, Path path) {
        this.channel = channel;
        this.path = path;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            return channel.read(dst);
        } catch (NonReadableChannelException e) {
            throw new IOException("file was not opened for reading: " + path, e);
        }
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        try {
            while (src.hasRemaining()) {
                channel.write(src);
            }
        } catch (NonWritableChannelException e) {
            throw new IOException("file was not opened for writing: " + path, e);
        }
    }

    @Override
    public void unread(int n) throws IOException {
        channel.position(channel.position() - n);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
