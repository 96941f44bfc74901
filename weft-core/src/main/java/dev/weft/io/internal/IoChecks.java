package dev.weft.io.internal;

import dev.weft.future.internal.Args;
import dev.weft.io.AsyncRead;
import dev.weft.io.AsyncWrite;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Argument checks and contract checks of the I/O layer, shared by its packages. */
public final class IoChecks {
    private IoChecks() {
    }

    /**
     * @param buf the buffer
     * @param name the argument's name, for the message
     * @return {@code buf}, checked to be a non-null buffer that can be written into
     * @throws IllegalArgumentException if {@code buf} is null or read-only
     */
    public static ByteBuffer writable(ByteBuffer buf, String name) {
        Args.notNull(buf, name);
        if (buf.isReadOnly()) {
            throw new IllegalArgumentException(name + " must not be read-only");
        }
        return buf;
    }

    /**
     * Checks a {@code pollRead} answer into a buffer that had room.
     *
     * @param n the answer
     * @param reader who answered it, for the message
     * @return {@code n}
     * @throws IOException if the reader broke the contract by reading 0 bytes
     */
    public static int checkRead(int n, AsyncRead reader) throws IOException {
        if (n == 0) {
            throw new IOException("the reader " + reader.getClass().getName()
                    + " read 0 bytes into a buffer with room (the AsyncRead contract allows that only for an empty buffer)");
        }
        return n;
    }

    /**
     * Checks a {@code pollWrite} answer for a buffer that had bytes (Tokio's {@code WriteZero}).
     *
     * @param n the answer
     * @param writer who answered it, for the message
     * @return {@code n}
     * @throws IOException if the writer took 0 bytes
     */
    public static int checkWrite(int n, AsyncWrite writer) throws IOException {
        if (n == 0) {
            throw new IOException("the writer " + writer.getClass().getName() + " accepted 0 bytes (write zero)");
        }
        return n;
    }
}
