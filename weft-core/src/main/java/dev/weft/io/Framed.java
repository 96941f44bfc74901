package dev.weft.io;

import dev.weft.future.Stream;
import dev.weft.future.internal.Args;
import java.nio.charset.StandardCharsets;

/**
 * Framing: turning a byte stream into a {@link Stream} of messages and back (Tokio's
 * {@code codec} module), for the two framings most protocols start with.
 *
 * <ul>
 *   <li><b>Lines</b>: UTF-8 text, each frame ended by {@code \n} (a {@code \r} before it is
 *       dropped when reading). {@link #lines} reads, {@link #lineWriter} writes.
 *   <li><b>Length-delimited</b>: a 4-byte big-endian unsigned length, then that many bytes.
 *       {@link #lengthDelimited} reads, {@link #lengthDelimitedWriter} writes.
 * </ul>
 *
 * <p>Each reading stream keeps its partial frame between polls, so {@code next()} on it is
 * cancel-safe. A frame longer than the maximum fails the stream with an
 * {@link java.io.IOException} that says so, before the frame is buffered; the end of the
 * stream inside a frame fails it with an {@link java.io.EOFException}. A stream over a reader
 * that is not an {@link AsyncBufRead} wraps it in a {@link BufReader}, so it may read ahead of
 * the frames it gave: do not read the reader directly while the stream is in use.
 *
 * {@snippet :
 * Stream<byte[]> in = Framed.lengthDelimited(socket, 1 << 20);
 * FrameWriter<byte[]> out = Framed.lengthDelimitedWriter(socket, 1 << 20);
 * Optional<byte[]> request;
 * while ((request = in.next().await()).isPresent()) {
 *     out.send(handle(request.get())).await();
 * }
 * }
 */
public final class Framed {
    /** The default maximum frame length of the length-delimited framing, 8 MiB, as Tokio's. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 8 * 1024 * 1024;
    static final int HEADER_LENGTH = 4;

    private Framed() {
    }

    /**
     * The UTF-8 lines of {@code src}, without their terminators; the last line needs none.
     * Malformed UTF-8 fails the stream with a {@link java.nio.charset.MalformedInputException}.
     *
     * {@snippet :
     * Stream<String> commands = Framed.lines(socket, 1024);
     * }
     *
     * @param src the reader
     * @param maxLineLength the longest line accepted, in bytes without the terminator
     * @return the stream of lines
     * @throws IllegalArgumentException if {@code src} is null or {@code maxLineLength} less than 1
     */
    public static Stream<String> lines(AsyncRead src, int maxLineLength) {
        Args.notNull(src, "src");
        Args.positive(maxLineLength, "maxLineLength");
        return new LinesStream(buffered(src), Math.min(maxLineLength, Integer.MAX_VALUE - 9));
    }

    /**
     * The length-delimited frames of {@code src}, each at most
     * {@link #DEFAULT_MAX_FRAME_LENGTH} bytes.
     *
     * {@snippet :
     * Stream<byte[]> frames = Framed.lengthDelimited(socket);
     * }
     *
     * @param src the reader
     * @return the stream of frames
     * @throws IllegalArgumentException if {@code src} is null
     */
    public static Stream<byte[]> lengthDelimited(AsyncRead src) {
        return lengthDelimited(src, DEFAULT_MAX_FRAME_LENGTH);
    }

    /**
     * The length-delimited frames of {@code src}, each at most {@code maxFrameLength} bytes.
     *
     * {@snippet :
     * Stream<byte[]> frames = Framed.lengthDelimited(socket, 64 * 1024);
     * }
     *
     * @param src the reader
     * @param maxFrameLength the longest frame accepted, in bytes without the header
     * @return the stream of frames
     * @throws IllegalArgumentException if {@code src} is null or {@code maxFrameLength} negative
     */
    public static Stream<byte[]> lengthDelimited(AsyncRead src, int maxFrameLength) {
        Args.notNull(src, "src");
        return new LengthDelimitedStream(buffered(src), nonNegative(maxFrameLength));
    }

    /**
     * A writer of UTF-8 lines: each frame is written followed by {@code \n}.
     *
     * {@snippet :
     * FrameWriter<CharSequence> out = Framed.lineWriter(socket);
     * out.send("HELLO").await();
     * }
     *
     * @param dst the writer
     * @return the frame writer
     * @throws IllegalArgumentException if {@code dst} is null; its frames must not contain
     *         {@code \n}
     */
    public static FrameWriter<CharSequence> lineWriter(AsyncWrite dst) {
        return new FrameWriter<>(Args.notNull(dst, "dst"), Framed::encodeLine, false);
    }

    /**
     * A writer of length-delimited frames of at most {@link #DEFAULT_MAX_FRAME_LENGTH} bytes.
     *
     * {@snippet :
     * Framed.lengthDelimitedWriter(socket).send(payload).await();
     * }
     *
     * @param dst the writer
     * @return the frame writer
     * @throws IllegalArgumentException if {@code dst} is null
     */
    public static FrameWriter<byte[]> lengthDelimitedWriter(AsyncWrite dst) {
        return lengthDelimitedWriter(dst, DEFAULT_MAX_FRAME_LENGTH);
    }

    /**
     * A writer of length-delimited frames of at most {@code maxFrameLength} bytes; a longer one
     * is refused with an {@link IllegalArgumentException}.
     *
     * {@snippet :
     * FrameWriter<byte[]> out = Framed.lengthDelimitedWriter(socket, 64 * 1024);
     * }
     *
     * @param dst the writer
     * @param maxFrameLength the longest frame allowed, in bytes without the header
     * @return the frame writer
     * @throws IllegalArgumentException if {@code dst} is null or {@code maxFrameLength} negative
     */
    public static FrameWriter<byte[]> lengthDelimitedWriter(AsyncWrite dst, int maxFrameLength) {
        Args.notNull(dst, "dst");
        int max = nonNegative(maxFrameLength);
        return new FrameWriter<>(dst, frame -> {
            if (frame.length > max) {
                throw new IllegalArgumentException("frame is " + frame.length
                        + " bytes, longer than maxFrameLength " + max);
            }
            return frame;
        }, true);
    }

    private static byte[] encodeLine(CharSequence line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\n') {
                throw new IllegalArgumentException("frame must not contain '\\n' (at index " + i + ")");
            }
        }
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static AsyncBufRead buffered(AsyncRead src) {
        return src instanceof AsyncBufRead b ? b : new BufReader(src);
    }

    private static int nonNegative(int maxFrameLength) {
        if (maxFrameLength < 0) {
            throw new IllegalArgumentException("maxFrameLength must not be negative, was " + maxFrameLength);
        }
        return maxFrameLength;
    }
}
