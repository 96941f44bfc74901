package dev.weft.examples.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The comparison server for {@code ./weft bench redis}: mini-redis's protocol code (the same
 * {@link RespParser}, {@link RedisCommands}, {@link RespOut} and {@link MapStore}) served the plain
 * JDK way, a virtual thread per connection with blocking socket streams and no Weft runtime. So
 * the benchmark's difference between the two is the I/O and scheduling model, not the protocol.
 *
 * <p>It answers what needs no timer (PING, ECHO, GET, SET without expiry, DEL, EXISTS, INCR, DECR,
 * MGET, MSET, PUBLISH); SUBSCRIBE and the expiry commands are Weft's server's alone. Not an
 * example to copy: it has no limits, idle timeout or shutdown.
 */
public final class BlockingRedis {
    private BlockingRedis() {
    }

    /**
     * Serves on 127.0.0.1 until killed.
     *
     * @param args the port
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        RedisCommands commands = new RedisCommands(new MapStore(), new PubSub());
        MiniRedis.Config config = MiniRedis.Config.defaults();
        try (ServerSocket server = new ServerSocket(port, 1024, InetAddress.getLoopbackAddress())) {
            System.out.println("blocking mini-redis listening on port " + server.getLocalPort());
            for (;;) {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> serve(socket, commands, config));
            }
        }
    }

    private static void serve(Socket socket, RedisCommands commands, MiniRedis.Config config) {
        RespParser parser = new RespParser(config.maxBulk(), config.maxArgs(), config.maxRequest());
        RespOut out = new RespOut();
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        try (socket; InputStream is = socket.getInputStream(); OutputStream os = socket.getOutputStream()) {
            for (;;) {
                if (!in.hasRemaining()) {
                    ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                    bigger.put(in.flip());
                    in = bigger;
                }
                int n = is.read(in.array(), in.arrayOffset() + in.position(), in.remaining());
                if (n < 0) {
                    return;
                }
                in.position(in.position() + n).flip();
                List<byte[]> request;
                while ((request = parser.next(in)) != null) {
                    if (!request.isEmpty()) {
                        String name = RedisCommands.name(request.get(0));
                        if (RedisCommands.knows(name)) {
                            commands.execute(name, request, out);
                        } else {
                            out.error(RedisCommands.unknown(request));
                        }
                    }
                }
                in.compact();
                ByteBuffer pending = out.view();
                os.write(pending.array(), pending.arrayOffset() + pending.position(), pending.remaining());
                out.consumed(pending.remaining());
            }
        } catch (IOException | RespParser.ProtocolError | RuntimeException e) {
            // the peer left, sent garbage, or asked for a timer: this comparison server just drops it
        }
    }
}
