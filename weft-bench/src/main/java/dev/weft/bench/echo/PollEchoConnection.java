package dev.weft.bench.echo;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.io.Io;
import dev.weft.net.TcpStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A hand-written poll-based echo handler: read into a 1 KiB buffer with {@code pollRead}, write it
 * all back with {@code pollWrite}, again until the peer closes. One object per connection, and
 * nothing allocated per message.
 */
final class PollEchoConnection implements Future<Void> {
    private final TcpStream socket;
    private final ByteBuffer buf = ByteBuffer.allocate(1024);
    private boolean writing;

    PollEchoConnection(TcpStream socket) {
        this.socket = socket;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        try {
            for (;;) {
                if (!writing) {
                    buf.clear();
                    int n = socket.pollRead(cx, buf);
                    if (n == Io.PENDING) {
                        return Poll.pending();
                    }
                    if (n == Io.EOF) {
                        socket.close();
                        return Poll.ready(null);
                    }
                    buf.flip();
                    writing = true;
                }
                while (buf.hasRemaining()) {
                    if (socket.pollWrite(cx, buf) == Io.PENDING) {
                        return Poll.pending();
                    }
                }
                writing = false;
            }
        } catch (IOException e) {
            socket.close();
            return Poll.ready(null); // a reset peer ends the connection, not the server
        }
    }

    @Override
    public void cancel() {
        socket.close();
    }
}
