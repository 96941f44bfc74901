package dev.weft.io;

import dev.weft.future.Context;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A {@link FakeReader} and a {@link FakeWriter} as one stream. */
final class FakeStream implements AsyncRead, AsyncWrite {
    final FakeReader in;
    final FakeWriter out = new FakeWriter();

    FakeStream(Object... readSteps) {
        this.in = FakeReader.of(readSteps);
    }

    @Override
    public int pollRead(Context cx, ByteBuffer dst) throws IOException {
        return in.pollRead(cx, dst);
    }

    @Override
    public int pollWrite(Context cx, ByteBuffer src) throws IOException {
        return out.pollWrite(cx, src);
    }

    @Override
    public boolean pollFlush(Context cx) throws IOException {
        return out.pollFlush(cx);
    }

    @Override
    public boolean pollShutdown(Context cx) throws IOException {
        return out.pollShutdown(cx);
    }
}
