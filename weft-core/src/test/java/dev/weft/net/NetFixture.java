package dev.weft.net;

import dev.weft.future.Poll;
import dev.weft.io.AsyncRead;
import dev.weft.io.AsyncWrite;
import dev.weft.io.Io;
import dev.weft.io.IoFuture;
import dev.weft.runtime.Runtime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Runtimes and small I/O loops for the socket tests. */
final class NetFixture {
    private NetFixture() {
    }

    static Runtime runtime(boolean multiThread) {
        var b = Runtime.builder().enableAll();
        return (multiThread ? b.workerThreads(2) : b.currentThread()).build();
    }

    /** Reads once, suspending until bytes or the end come. */
    static int read(AsyncRead s, ByteBuffer buf) throws IOException {
        IoFuture<Integer> f = cx -> {
            try {
                int n = s.pollRead(cx, buf);
                return n == Io.PENDING ? Poll.pending() : Poll.ready(n);
            } catch (IOException e) {
                return Poll.failed(e);
            }
        };
        return f.await();
    }

    /** Writes all of {@code buf}, suspending while the peer is not reading. */
    static void writeAll(AsyncWrite s, ByteBuffer buf) throws IOException {
        IoFuture<Integer> f = cx -> {
            try {
                while (buf.hasRemaining()) {
                    if (s.pollWrite(cx, buf) == Io.PENDING) {
                        return Poll.pending();
                    }
                }
                return Poll.ready(0);
            } catch (IOException e) {
                return Poll.failed(e);
            }
        };
        f.await();
    }

    /** Echoes everything until the peer half-closes, then half-closes; returns the byte count. */
    static long echo(TcpStream s) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1024);
        long total = 0;
        for (;;) {
            buf.clear();
            int n = s.read(buf).await();
            if (n == Io.EOF) {
                s.shutdownOutput();
                return total;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                s.write(buf).await();
            }
            total += n;
        }
    }

    static String readToEnd(TcpStream s) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        var out = new java.io.ByteArrayOutputStream();
        for (;;) {
            buf.clear();
            int n = s.read(buf).await();
            if (n == Io.EOF) {
                return out.toString(StandardCharsets.UTF_8);
            }
            out.write(buf.array(), 0, n);
        }
    }

    static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
