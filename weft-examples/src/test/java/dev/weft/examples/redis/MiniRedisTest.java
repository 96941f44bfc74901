package dev.weft.examples.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.net.TcpListener;
import dev.weft.runtime.JoinHandle;
import dev.weft.sync.CancellationToken;
import dev.weft.test.WeftTest;
import dev.weft.test.WeftTest.Flavor;
import dev.weft.time.Time;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server through plain sockets: every command, pipelining, pub/sub, limits and shutdown. */
class MiniRedisTest {
    static final MiniRedis.Config SMALL = new MiniRedis.Config(1024 * 1024, 1024, 4 * 1024 * 1024, 64 * 1024,
            Duration.ofSeconds(10));

    /** A server in the test's runtime. */
    record Server(MiniRedis redis, TcpListener listener, CancellationToken shutdown, JoinHandle<Void> task) {
        static Server start(MiniRedis.Config config) throws Exception {
            return start(config, new MapStore());
        }

        static Server start(MiniRedis.Config config, Store store) throws Exception {
            MiniRedis redis = new MiniRedis(config, store);
            TcpListener l = TcpListener.bind("127.0.0.1:0");
            CancellationToken shutdown = new CancellationToken();
            return new Server(redis, l, shutdown, Weft.spawn(() -> redis.serve(l, shutdown)));
        }

        RespClient connect() throws Exception {
            return RespClient.connect(listener);
        }

        void stop() throws Exception {
            shutdown.cancel();
            task.await();
        }
    }

    @WeftTest
    void everyCommandAnswersAsRedisDoes() throws Exception {
        commands(new MapStore());
    }

    @WeftTest(flavor = Flavor.MULTI_THREAD)
    void everyCommandAnswersAsRedisDoesOnWorkers() throws Exception {
        commands(new MapStore());
    }

    @WeftTest(flavor = Flavor.MULTI_THREAD)
    void theStoreBehindATaskAnswersTheSame() throws Exception {
        commands(new TaskStore());
    }

    static void commands(Store store) throws Exception {
        Server s = Server.start(SMALL, store);
        try (RespClient c = s.connect()) {
            assertEquals("PONG", c.ask("PING"));
            assertEquals("hi", c.ask("ping", "hi"));
            assertEquals("hello world", c.ask("ECHO", "hello world"));
            assertEquals("(nil)", c.ask("GET", "k"));
            assertEquals("OK", c.ask("SET", "k", "v1"));
            assertEquals("v1", c.ask("GET", "k"));
            assertEquals("(nil)", c.ask("SET", "k", "v2", "NX"));
            assertEquals("OK", c.ask("SET", "k", "v2", "XX"));
            assertEquals("(nil)", c.ask("SET", "absent", "v", "XX"));
            assertEquals("OK", c.ask("SET", "new", "v", "nx"));
            assertEquals("2", c.ask("EXISTS", "k", "new", "absent"));
            assertEquals("2", c.ask("DEL", "k", "new", "absent"));
            assertEquals("0", c.ask("EXISTS", "k"));
            assertEquals("1", c.ask("INCR", "n"));
            assertEquals("2", c.ask("INCR", "n"));
            assertEquals("1", c.ask("DECR", "n"));
            assertEquals("-1", c.ask("DECR", "neg"));
            assertEquals("OK", c.ask("SET", "max", Long.toString(Long.MAX_VALUE)));
            assertEquals("-ERR increment or decrement would overflow", c.ask("INCR", "max"));
            assertEquals("OK", c.ask("SET", "text", "12a"));
            assertEquals("-ERR value is not an integer or out of range", c.ask("INCR", "text"));
            assertEquals("OK", c.ask("MSET", "a", "1", "b", "2"));
            assertEquals("[1, 2, (nil)]", c.ask("MGET", "a", "b", "c"));
            assertEquals("-ERR wrong number of arguments for 'mset' command", c.ask("MSET", "a", "1", "b"));
            assertEquals("-ERR wrong number of arguments for 'get' command", c.ask("GET"));
            assertEquals("-ERR wrong number of arguments for 'get' command", c.ask("get", "a", "b"));
            assertEquals("-ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' ", c.ask("FOO", "bar", "baz"));
            assertEquals("-ERR unknown command 'nope', with args beginning with: ", c.ask("nope"));
            assertEquals("-ERR syntax error", c.ask("SET", "a", "b", "NX", "XX"));
            assertEquals("-ERR syntax error", c.ask("SET", "a", "b", "BOGUS"));
            assertEquals("-ERR invalid expire time in 'set' command", c.ask("SET", "a", "b", "EX", "0"));
            assertEquals("-ERR value is not an integer or out of range", c.ask("SET", "a", "b", "PX", "x"));
            assertEquals("-2", c.ask("TTL", "nothing"));
            assertEquals("-1", c.ask("TTL", "a"));
            assertEquals("0", c.ask("EXPIRE", "nothing", "10"));
            assertEquals("1", c.ask("EXPIRE", "a", "100"));
            assertEquals("100", c.ask("TTL", "a"));
            assertEquals("-ERR value is not an integer or out of range", c.ask("EXPIRE", "a", "soon"));
            assertEquals("0", c.ask("PUBLISH", "news", "nobody listens"));
            assertEquals("[save, ]", c.ask("CONFIG", "GET", "save"));
            assertEquals("[appendonly, no]", c.ask("CONFIG", "GET", "appendonly"));
            assertEquals("[]", c.ask("CONFIG", "GET", "maxmemory"));
            assertEquals("[]", c.ask("COMMAND", "DOCS"));
            c.raw("PING\r\n");                                  // inline, as telnet sends it
            assertEquals("PONG", c.reply());
            assertEquals("OK", c.ask("QUIT"));
            assertTrue(c.next().isEmpty(), "QUIT closes the connection");
        }
        s.stop();
    }

    @WeftTest
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        Server s = Server.start(SMALL);
        try (RespClient c = s.connect()) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 1000; i++) {
                batch.writeBytes(RespClient.encode("INCR", "n"));
            }
            c.raw(batch.toByteArray());
            for (int i = 1; i <= 1000; i++) {
                assertEquals(Integer.toString(i), c.reply());
            }
        }
        s.stop();
    }

    @WeftTest(startPaused = true)
    void keysExpireOnTheTimerWithoutBeingRead() throws Exception {
        Server s = Server.start(SMALL);
        MapStore store = (MapStore) s.redis().store();
        try (RespClient c = s.connect()) {
            Instant start = Time.now();
            assertEquals("OK", c.ask("SET", "a", "1", "EX", "10"));
            assertEquals("OK", c.ask("SET", "b", "1", "PX", "2500"));
            assertEquals("OK", c.ask("SET", "c", "1", "EX", "5"));
            assertEquals("OK", c.ask("SET", "c", "2"));                  // a plain SET drops the deadline
            assertEquals("OK", c.ask("SET", "d", "1", "EX", "5"));
            assertEquals("OK", c.ask("SET", "d", "2", "KEEPTTL"));       // KEEPTTL keeps it
            assertEquals("3", c.ask("INCR", "d"));                       // so does INCR
            assertEquals(3, store.deadlines());
            assertEquals("10", c.ask("TTL", "a"));
            Time.sleep(Duration.ofMillis(2501)).await();                  // the timer's tick, then the test
            assertEquals(3, store.size(), "b was reclaimed at its deadline, unread");
            Time.sleep(Duration.ofMillis(2500)).await();
            assertEquals(2, store.size(), "d too");
            assertEquals("5", c.ask("TTL", "a"));
            Time.sleepUntil(start.plusSeconds(10).plusMillis(1)).await();
            assertEquals(1, store.size());
            assertEquals("(nil)", c.ask("GET", "a"));
            assertEquals("2", c.ask("GET", "c"));
            assertEquals("1", c.ask("EXPIRE", "c", "0"));                // a past deadline deletes
            assertEquals("0", c.ask("EXISTS", "c"));
            assertEquals(0, store.deadlines());
        }
        s.stop();
    }

    @WeftTest
    void subscribersReceiveWhatIsPublished() throws Exception {
        Server s = Server.start(SMALL);
        try (RespClient a = s.connect(); RespClient b = s.connect(); RespClient pub = s.connect()) {
            assertEquals("[subscribe, news, 1]", a.ask("SUBSCRIBE", "news"));
            a.send("SUBSCRIBE", "news", "sport");                         // again: still once
            assertEquals("[subscribe, news, 1]", a.reply());
            assertEquals("[subscribe, sport, 2]", a.reply());
            assertEquals("[subscribe, news, 1]", b.ask("subscribe", "news"));
            assertEquals("2", pub.ask("PUBLISH", "news", "hello"));
            assertEquals("[message, news, hello]", a.reply());
            assertEquals("[message, news, hello]", b.reply());
            assertEquals("1", pub.ask("PUBLISH", "sport", "goal"));
            assertEquals("[message, sport, goal]", a.reply());
            assertEquals("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET "
                    + "are allowed in this context", a.ask("GET", "k"));
            assertEquals("[pong, ]", a.ask("PING"));
            assertEquals("[unsubscribe, news, 1]", a.ask("UNSUBSCRIBE", "news"));
            assertEquals("1", pub.ask("PUBLISH", "news", "only b"));
            assertEquals("[message, news, only b]", b.reply());
            assertEquals("[unsubscribe, sport, 0]", a.ask("UNSUBSCRIBE"));
            assertEquals("[unsubscribe, (nil), 0]", a.ask("UNSUBSCRIBE"));
            assertEquals("PONG", a.ask("PING"));                          // back to normal mode
            b.close();
            for (int i = 0; i < 100 && s.redis().pubsub().channels() > 0; i++) {
                Weft.yieldNow().await();
            }
            assertEquals(0, s.redis().pubsub().channels(), "the last subscriber's leaving removes the channel");
        }
        s.stop();
    }

    @WeftTest
    void aMalformedRequestIsAnsweredThenClosed() throws Exception {
        Server s = Server.start(SMALL);
        try (RespClient c = s.connect()) {
            c.raw("*1\r\n#foo\r\n");
            assertEquals("-ERR Protocol error: expected '#', got '#'".replace("'#', got", "'$', got"), c.reply());
            assertEquals(Optional.empty(), c.next());
        }
        try (RespClient c = s.connect()) {
            c.raw("*x\r\n");
            assertEquals("-ERR Protocol error: invalid multibulk length", c.reply());
            assertEquals(Optional.empty(), c.next());
        }
        try (RespClient c = s.connect()) {
            c.raw("*2000000000\r\n");                                     // over maxArgs: nothing allocated
            assertEquals("-ERR Protocol error: invalid multibulk length", c.reply());
            assertEquals(Optional.empty(), c.next());
        }
        try (RespClient c = s.connect()) {
            c.raw("GET " + "x".repeat(RespParser.MAX_LINE + 10));       // an inline line with no end
            assertEquals("-ERR Protocol error: too big inline request", c.reply());
            assertEquals(Optional.empty(), c.next());
        }
        try (RespClient c = s.connect()) {
            assertEquals("PONG", c.ask("PING"), "the server is fine");
        }
        s.stop();
    }

    @WeftTest
    void aGigabyteBulkHeaderIsRefusedWithoutAllocatingIt() throws Exception {
        Server s = Server.start(MiniRedis.Config.defaults());            // Redis's 512 MB limit
        try (RespClient c = s.connect()) {
            c.raw("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1073741824\r\n");
            assertEquals("-ERR Protocol error: invalid bulk length", c.reply());
            assertEquals(Optional.empty(), c.next());
        }
        Server small = Server.start(SMALL);                               // 1 MB limit
        try (RespClient c = small.connect()) {
            c.raw("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1048577\r\n");
            assertEquals("-ERR Protocol error: invalid bulk length", c.reply());
        }
        try (RespClient c = small.connect()) {
            String mb = "v".repeat(1024 * 1024);                          // exactly the limit: accepted
            assertEquals("OK", c.ask("SET", "k", mb));
            assertEquals(mb, c.ask("GET", "k"));
            c.raw("*-1\r\n");                                             // an empty request is skipped
            assertEquals("PONG", c.ask("PING"));
        }
        s.stop();
        small.stop();
    }

    @WeftTest(startPaused = true)
    void aClientThatNeverReadsIsHeldThenClosed() throws Exception {
        Server s = Server.start(SMALL);                                   // 64 KiB of pending replies
        try (RespClient c = s.connect()) {
            assertEquals("OK", c.ask("SET", "k", "v".repeat(1024)));
            Instant start = Time.now();
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 10_000; i++) {
                batch.writeBytes(RespClient.encode("GET", "k"));
            }
            byte[] bytes = batch.toByteArray();
            var writer = Weft.spawn(() -> { // may block: the server stops reading
                try {
                    c.raw(bytes);
                } catch (java.io.IOException closed) {
                    // the server closed us mid-write
                }
            });
            while (s.redis().clients() > 0 && Duration.between(start, Time.now()).toMinutes() < 5) {
                Time.sleep(Duration.ofSeconds(1)).await();
            }
            assertEquals(0, s.redis().clients(), "closed once idle with replies it does not take");
            assertTrue(Duration.between(start, Time.now()).toSeconds() >= 10, "held for the idle time first");
            writer.await();
            int replies = 0;
            try {
                while (c.next().isPresent()) {
                    replies++;
                }
            } catch (java.io.IOException reset) {
                // unread data at close makes a reset
            }
            assertTrue(replies < 10_000, "the server stopped answering: " + replies);
        }
        try (RespClient c = s.connect()) {
            assertEquals("PONG", c.ask("PING"));
        }
        s.stop();
    }

    @WeftTest(startPaused = true)
    void aSlowLorisIsClosedAtItsIdleDeadline() throws Exception {
        Server s = Server.start(SMALL);
        Instant start = Time.now();
        try (RespClient c = s.connect()) {
            assertEquals("PONG", c.ask("PING"));                          // the deadline: now + 10 s
            Instant last = Time.now();
            String partial = "*2\r\n$3\r\nGET\r\n$5\r\nabcde";
            boolean closed = false;
            for (int i = 0; i < partial.length() && !closed; i++) {      // one byte every 3 s
                try {
                    c.raw(partial.substring(i, i + 1));
                } catch (java.io.IOException gone) {
                    closed = true;
                }
                Time.sleep(Duration.ofSeconds(3)).await();
                closed |= s.redis().clients() == 0;
            }
            assertTrue(c.closedByServer());
            assertEquals(0, s.redis().clients());
            Duration held = Duration.between(last, Time.now());
            assertTrue(held.toSeconds() >= 10 && held.toSeconds() <= 13, "closed 10 s after its last request: " + held);
        }
        assertTrue(Duration.between(start, Time.now()).toSeconds() < 20);
        s.stop();
    }

    @WeftTest(startPaused = true)
    void anIdleClientIsClosedButAWaitingSubscriberIsNot() throws Exception {
        Server s = Server.start(SMALL);
        try (RespClient idle = s.connect(); RespClient sub = s.connect()) {
            assertEquals("PONG", idle.ask("PING"));
            assertEquals("[subscribe, ch, 1]", sub.ask("SUBSCRIBE", "ch"));
            Instant start = Time.now();
            assertEquals(Optional.empty(), idle.next());
            assertEquals(Duration.ofSeconds(10), Duration.between(start, Time.now()).withNanos(0));
            Time.sleep(Duration.ofSeconds(60)).await();
            RespClient pub = s.connect();
            assertEquals("1", pub.ask("PUBLISH", "ch", "still there?"));
            pub.close();
            assertEquals("[message, ch, still there?]", sub.reply());
        }
        s.stop();
    }

    @WeftTest
    void shutdownAnswersWhatWasReadThenClosesEveryClient() throws Exception {
        Server s = Server.start(SMALL);
        try (RespClient a = s.connect(); RespClient b = s.connect()) {
            assertEquals("PONG", a.ask("PING"));
            assertEquals("[subscribe, ch, 1]", b.ask("SUBSCRIBE", "ch"));
            a.send("SET", "k", "v");
            assertEquals("OK", a.reply());
            s.shutdown().cancel();
            s.task().await();                                             // every connection ended
            assertEquals(Optional.empty(), a.next());
            assertEquals(Optional.empty(), b.next());
            assertEquals(0, s.redis().clients());
        }
        assertThrows(java.io.IOException.class, () -> RespClient.connect(s.listener()).ask("PING"),
                "no longer accepting");
    }

    @WeftTest
    void abortingTheServerClosesItsClients() throws Exception {
        Server s = Server.start(SMALL);
        try (RespClient a = s.connect()) {
            assertEquals("PONG", a.ask("PING"));
            s.task().abort();
            assertTrue(a.closedByServer());
        }
        s.listener().close();
    }

    @Test
    void configRejectsLimitsThatAreNotPositive() {
        List<String> messages = new ArrayList<>();
        for (Runnable r : List.<Runnable>of(
                () -> new MiniRedis.Config(0, 1, 1, 1, Duration.ofSeconds(1)),
                () -> new MiniRedis.Config(1, 0, 1, 1, Duration.ofSeconds(1)),
                () -> new MiniRedis.Config(1, 1, 0, 1, Duration.ofSeconds(1)),
                () -> new MiniRedis.Config(1, 1, 1, -1, Duration.ofSeconds(1)),
                () -> new MiniRedis.Config(1, 1, 1, 1, Duration.ZERO))) {
            messages.add(assertThrows(IllegalArgumentException.class, r::run).getMessage());
        }
        assertEquals(List.of("maxBulk must be positive: 0", "maxArgs must be positive: 0", "maxRequest must be positive: 0",
                "maxOutput must be positive: -1", "idle must be positive: PT0S"), messages);
        assertThrows(IllegalArgumentException.class, () -> new MiniRedis(null));
    }

    @Test
    void integersParseAsRedisParsesThem() {
        assertEquals(Long.MIN_VALUE, MapStore.parseInteger(Long.toString(Long.MIN_VALUE).getBytes()));
        assertEquals(Long.MAX_VALUE, MapStore.parseInteger(Long.toString(Long.MAX_VALUE).getBytes()));
        assertEquals(0, MapStore.parseInteger("0".getBytes()));
        for (String bad : List.of("", "-", "+1", " 1", "01", "-0", "1.5", "9223372036854775808", "-9223372036854775809")) {
            assertThrows(RedisError.class, () -> MapStore.parseInteger(bad.getBytes()), bad);
        }
    }
}
