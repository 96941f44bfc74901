package dev.weft.examples.redis;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.io.Io;
import dev.weft.net.TcpStream;
import dev.weft.sync.Broadcast;
import dev.weft.sync.CancellationToken;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client: reads requests, runs them in order, writes their replies, and delivers the
 * messages of the channels it subscribed to.
 *
 * <p><b>Implementation notes.</b> The loop awaits one hand-written future, {@link Turn}, that
 * does in one poll what would otherwise be a select of four futures per request: it writes the
 * pending replies, moves subscribed messages into them, reads, and watches the shutdown token and
 * the idle deadline. The shutdown future and the idle {@link Sleep} live as long as the
 * connection, so a request costs no timer registration: the sleep is set to the deadline once and
 * moved ({@link Sleep#reset}) only when it fires early (the deadline moved with later requests).
 * Every complete request in the read buffer runs before the next turn, so a pipeline's replies
 * leave in one write.
 *
 * <p><b>Limits.</b> Requests stop running, and reading stops, while {@code maxOutput} bytes of
 * replies wait: a client that sends without reading is held by TCP, not by our memory, and one
 * that takes nothing for the idle time is closed. The idle deadline is the last complete request
 * (or the last reply bytes taken) plus {@code idle}, so a client that trickles a partial request
 * (slow loris) is closed too; a subscriber with nothing half-sent waits for messages as long as
 * it likes. A subscriber that falls {@link PubSub#CAPACITY} messages behind is closed, as Redis
 * closes one over its output limit. A protocol error is answered and closes the connection, as
 * in Redis. At shutdown the replies of the requests already read are flushed for up to
 * {@link #SHUTDOWN_GRACE}, then the socket is closed.
 */
final class Connection {
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);
    private static final int INITIAL_READ = 16 * 1024;

    private static final int READ = 1;
    private static final int EOF = 2;
    private static final int SHUTDOWN = 3;
    private static final int IDLE = 4;
    private static final int FLUSHED = 5;
    private static final int LAGGED = 6;

    private final TcpStream socket;
    private final RedisCommands commands;
    private final PubSub pubsub;
    private final MiniRedis.Config config;
    private final RespParser parser;
    private final RespOut out = new RespOut();
    private ByteBuffer in = ByteBuffer.allocate(INITIAL_READ); // write mode between turns
    private final Map<String, Broadcast.Receiver<byte[]>> subscriptions = new LinkedHashMap<>();
    private final CancellationToken.Cancelled stopping;
    private final Sleep idle;
    private final Turn turn = new Turn();
    private Instant lastActive;
    private Instant closeBy;        // set at shutdown: the flush's deadline
    private boolean closing;        // QUIT, a protocol error or shutdown: flush, then close
    private boolean stopped;        // the shutdown future completed
    private boolean backlog;        // requests wait in the read buffer for the replies to drain

    Connection(TcpStream socket, RedisCommands commands, PubSub pubsub, MiniRedis.Config config,
               CancellationToken shutdown) {
        this.socket = socket;
        this.commands = commands;
        this.pubsub = pubsub;
        this.config = config;
        this.parser = new RespParser(config.maxBulk(), config.maxArgs(), config.maxRequest());
        this.stopping = shutdown.cancelled();
        this.lastActive = Time.now();
        this.idle = Time.sleepUntil(lastActive.plus(config.idle()));
    }

    /** Serves the client until it leaves, is closed for a limit, or the server stops. */
    Void serve() throws Exception {
        try (socket) {
            for (;;) {
                switch (turn.await()) {
                    case READ -> process();
                    case SHUTDOWN -> {
                        closing = true;
                        closeBy = Time.now().plus(SHUTDOWN_GRACE);
                        idle.reset(closeBy);
                    }
                    default -> {
                        return null; // EOF, IDLE, FLUSHED, LAGGED
                    }
                }
            }
        } catch (IOException peerGone) { // reset, broken pipe: nobody left to answer
            return null;
        } finally {
            idle.cancel();
            if (!stopped) {
                stopping.cancel();
            }
            subscriptions.forEach(pubsub::unsubscribe);
            subscriptions.clear();
        }
    }

    /** Runs every complete request in the read buffer, while the replies fit. */
    private void process() {
        in.flip();
        backlog = false;
        boolean ran = false;
        try {
            List<byte[]> request;
            while (!closing && (request = parser.next(in)) != null) {
                ran = true;
                if (!request.isEmpty()) {
                    dispatch(request);
                }
                if (out.pending() >= config.maxOutput()) {
                    backlog = in.hasRemaining();
                    break;
                }
            }
        } catch (RespParser.ProtocolError e) {
            out.error("ERR " + e.getMessage());
            closing = true;
        }
        in.compact();
        if (in.position() == 0 && in.capacity() > 4 * INITIAL_READ) {
            in = ByteBuffer.allocate(INITIAL_READ); // a large request has been consumed
        }
        if (ran) { // only complete requests move the idle deadline: bytes of a partial one do not
            lastActive = Time.now();
        }
    }

    private void dispatch(List<byte[]> request) {
        String name = RedisCommands.name(request.get(0));
        boolean subscribed = !subscriptions.isEmpty();
        switch (name) {
            case "subscribe" -> subscribe(request);
            case "unsubscribe" -> unsubscribe(request);
            case "quit" -> {
                out.raw(RespOut.OK);
                closing = true;
            }
            default -> {
                if (subscribed && name.equals("ping")) {
                    subscribedPing(request);
                } else if (!RedisCommands.knows(name)) {
                    out.error(RedisCommands.unknown(request));
                } else if (subscribed) {
                    out.error("ERR Can't execute '" + name + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / "
                            + "QUIT / RESET are allowed in this context");
                } else {
                    commands.execute(name, request, out);
                }
            }
        }
    }

    /** PING in subscribed mode answers as a message would: {@code ["pong", message]}. */
    private void subscribedPing(List<byte[]> request) {
        if (request.size() > 2) {
            out.error("ERR wrong number of arguments for 'ping' command");
            return;
        }
        out.arrayHeader(2);
        out.bulk("pong");
        out.bulk(request.size() == 2 ? request.get(1) : new byte[0]);
    }

    private void subscribe(List<byte[]> request) {
        if (request.size() < 2) {
            out.error("ERR wrong number of arguments for 'subscribe' command");
            return;
        }
        for (byte[] channel : request.subList(1, request.size())) {
            String key = RedisCommands.key(channel);
            if (!subscriptions.containsKey(key)) {
                subscriptions.put(key, pubsub.subscribe(key));
            }
            confirm("subscribe", channel, subscriptions.size());
        }
    }

    private void unsubscribe(List<byte[]> request) {
        List<byte[]> channels = new ArrayList<>(request.subList(1, request.size()));
        if (channels.isEmpty()) {
            subscriptions.keySet().forEach(k -> channels.add(k.getBytes(StandardCharsets.ISO_8859_1)));
        }
        if (channels.isEmpty()) {
            confirm("unsubscribe", null, 0);
        }
        for (byte[] channel : channels) {
            String key = RedisCommands.key(channel);
            Broadcast.Receiver<byte[]> rx = subscriptions.remove(key);
            if (rx != null) {
                pubsub.unsubscribe(key, rx);
            }
            confirm("unsubscribe", channel, subscriptions.size());
        }
    }

    private void confirm(String kind, byte[] channel, int count) {
        out.arrayHeader(3);
        out.bulk(kind);
        out.bulk(channel);
        out.integer(count);
    }

    /**
     * One turn of the connection: completes with what the loop must do next. Re-armed by every
     * await (it keeps no state of its own but the connection's), so a turn allocates nothing.
     */
    private final class Turn implements Future<Integer> {
        @Override
        public Poll<Integer> poll(Context cx) {
            try {
                return turn(cx);
            } catch (IOException e) {
                return Poll.failed(e);
            }
        }

        private Poll<Integer> turn(Context cx) throws IOException {
            if (!stopped && stopping.poll(cx) instanceof Poll.Ready<Void>) {
                stopped = true;
                return Poll.ready(SHUTDOWN);
            }
            boolean moreMessages;
            do {
                while (out.pending() > 0) {
                    int n = socket.pollWrite(cx, out.view());
                    if (n == Io.PENDING) {
                        break;
                    }
                    out.consumed(n);
                    lastActive = null; // the client took bytes: refreshed below
                }
                if (closing && out.pending() == 0) {
                    return Poll.ready(FLUSHED);
                }
                moreMessages = false;
                for (Broadcast.Receiver<byte[]> rx : subscriptions.values()) {
                    while (!closing && out.pending() < config.maxOutput()) {
                        Poll<byte[]> p = rx.pollNext(cx);
                        if (p instanceof Poll.Failed<byte[]>) {
                            return Poll.ready(LAGGED);
                        }
                        if (!(p instanceof Poll.Ready<byte[]> ready) || Stream.isEnd(p)) {
                            break;
                        }
                        out.raw(ready.value());
                        moreMessages = true;
                    }
                }
            } while (moreMessages && out.pending() > 0);
            if (lastActive == null) {
                lastActive = Time.now();
            }
            if (!closing && out.pending() < config.maxOutput()) {
                if (backlog) {
                    return Poll.ready(READ);
                }
                if (!in.hasRemaining()) {
                    grow();
                }
                int n = socket.pollRead(cx, in);
                if (n == Io.EOF) {
                    return Poll.ready(EOF);
                }
                if (n != Io.PENDING) {
                    return Poll.ready(READ);
                }
            }
            while (idle.poll(cx) instanceof Poll.Ready<Void>) {
                Instant now = Time.now();
                Instant deadline = closeBy != null ? closeBy : lastActive.plus(config.idle());
                boolean waitingSubscriber = closeBy == null && !subscriptions.isEmpty() && in.position() == 0
                        && !parser.inRequest() && out.pending() == 0;
                if (!deadline.isAfter(now) && !waitingSubscriber) {
                    return Poll.ready(IDLE);
                }
                idle.reset(deadline.isAfter(now) ? deadline : now.plus(config.idle()));
            }
            return Poll.pending();
        }
    }

    /** Doubles the read buffer: the element being read is larger than it (the parser bounds it). */
    private void grow() {
        ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
        in.flip();
        bigger.put(in);
        in = bigger;
    }
}
