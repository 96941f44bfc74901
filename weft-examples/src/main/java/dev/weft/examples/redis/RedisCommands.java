package dev.weft.examples.redis;

import dev.weft.time.Time;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The commands that read or write the key space, plus {@code PING}, {@code ECHO},
 * {@code PUBLISH}, {@code CONFIG GET} and {@code COMMAND}: each checks its arguments as Redis
 * does and appends one reply. Errors carry Redis's exact wording, since clients and their users
 * match on it. The commands that change a connection's state ({@code SUBSCRIBE},
 * {@code UNSUBSCRIBE}, {@code QUIT}) are the {@link Connection}'s.
 */
final class RedisCommands {
    private final Store store;
    private final PubSub pubsub;

    RedisCommands(Store store, PubSub pubsub) {
        this.store = store;
        this.pubsub = pubsub;
    }

    /** {@return the key for {@code bytes}: one Latin-1 char per byte, so nothing is lost} */
    static String key(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** {@return the command's name, lower case, as Redis's messages spell it} */
    static String name(byte[] bytes) {
        return key(bytes).toLowerCase(Locale.ROOT);
    }

    /** Appends the reply to {@code args} (a known command's name first) to {@code out}. */
    void execute(String name, List<byte[]> args, RespOut out) {
        try {
            run(name, args, out);
        } catch (RedisError e) {
            out.error(e.getMessage());
        }
    }

    private void run(String name, List<byte[]> a, RespOut out) {
        int n = a.size();
        switch (name) {
            case "ping" -> {
                arity(name, n <= 2);
                if (n == 1) {
                    out.simple("PONG");
                } else {
                    out.bulk(a.get(1));
                }
            }
            case "echo" -> {
                arity(name, n == 2);
                out.bulk(a.get(1));
            }
            case "get" -> {
                arity(name, n == 2);
                out.bulk(store.get(key(a.get(1))));
            }
            case "set" -> {
                arity(name, n >= 3);
                set(a, out);
            }
            case "del", "exists" -> {
                arity(name, n >= 2);
                long count = 0;
                for (int i = 1; i < n; i++) {
                    String k = key(a.get(i));
                    count += (name.equals("del") ? store.delete(k) : store.exists(k)) ? 1 : 0;
                }
                out.integer(count);
            }
            case "incr", "decr" -> {
                arity(name, n == 2);
                out.integer(store.incrBy(key(a.get(1)), name.equals("incr") ? 1 : -1));
            }
            case "expire" -> {
                arity(name, n >= 3);
                if (n > 3) {
                    throw new RedisError("ERR Unsupported option " + key(a.get(3)));
                }
                long seconds = MapStore.parseInteger(a.get(2));
                if (seconds > Long.MAX_VALUE / 1000 || seconds < -(Long.MAX_VALUE / 1000)) {
                    throw new RedisError("ERR invalid expire time in 'expire' command");
                }
                Instant at = Time.now().plusMillis(seconds * 1000);
                out.integer(store.expireAt(key(a.get(1)), at) ? 1 : 0);
            }
            case "ttl" -> {
                arity(name, n == 2);
                long ms = store.ttlMillis(key(a.get(1)));
                out.integer(ms < 0 ? ms : (ms + 500) / 1000); // Redis rounds to the nearest second
            }
            case "mget" -> {
                arity(name, n >= 2);
                out.arrayHeader(n - 1);
                for (int i = 1; i < n; i++) {
                    out.bulk(store.get(key(a.get(i))));
                }
            }
            case "mset" -> {
                arity(name, n >= 3 && n % 2 == 1);
                for (int i = 1; i < n; i += 2) {
                    store.set(key(a.get(i)), a.get(i + 1), null, false, Store.Condition.ALWAYS);
                }
                out.raw(RespOut.OK);
            }
            case "publish" -> {
                arity(name, n == 3);
                out.integer(pubsub.publish(a.get(1), a.get(2)));
            }
            case "config" -> config(a, out);
            case "command" -> out.arrayHeader(0); // clients ask for hints; none to give
            default -> throw new IllegalArgumentException("not a command of this class: " + name);
        }
    }

    /** {@return whether this class runs {@code name}} */
    static boolean knows(String name) {
        return switch (name) {
            case "ping", "echo", "get", "set", "del", "exists", "incr", "decr", "expire", "ttl", "mget", "mset",
                 "publish", "config", "command" -> true;
            default -> false;
        };
    }

    static void arity(String name, boolean ok) {
        if (!ok) {
            throw new RedisError("ERR wrong number of arguments for '" + name + "' command");
        }
    }

    /** SET key value [NX | XX] [EX seconds | PX milliseconds | KEEPTTL], as Redis parses it. */
    private void set(List<byte[]> a, RespOut out) {
        Store.Condition condition = Store.Condition.ALWAYS;
        Instant at = null;
        boolean keepTtl = false;
        for (int i = 3; i < a.size(); i++) {
            String opt = name(a.get(i));
            boolean hasNext = i + 1 < a.size();
            switch (opt) {
                case "nx" -> condition = check(condition == Store.Condition.ALWAYS, Store.Condition.IF_ABSENT);
                case "xx" -> condition = check(condition == Store.Condition.ALWAYS, Store.Condition.IF_PRESENT);
                case "keepttl" -> keepTtl = check(at == null, true);
                case "ex", "px" -> {
                    check(at == null && !keepTtl && hasNext, true);
                    long v = MapStore.parseInteger(a.get(++i));
                    if (v <= 0 || v > Long.MAX_VALUE / 1000) {
                        throw new RedisError("ERR invalid expire time in 'set' command");
                    }
                    at = Time.now().plus(opt.equals("ex") ? Duration.ofSeconds(v) : Duration.ofMillis(v));
                }
                default -> throw new RedisError(RedisError.SYNTAX);
            }
        }
        boolean done = store.set(key(a.get(1)), a.get(2), at, keepTtl, condition);
        if (done) {
            out.raw(RespOut.OK);
        } else {
            out.bulk((byte[]) null);
        }
    }

    private static <T> T check(boolean ok, T value) {
        if (!ok) {
            throw new RedisError(RedisError.SYNTAX);
        }
        return value;
    }

    /**
     * {@code CONFIG GET parameter}: what {@code redis-benchmark} asks at start ({@code save},
     * {@code appendonly}) gets a persistence-off answer; any other parameter, an empty list.
     */
    private static void config(List<byte[]> a, RespOut out) {
        arity("config", a.size() >= 2);
        String sub = name(a.get(1));
        if (!sub.equals("get")) {
            throw new RedisError("ERR unknown subcommand '" + key(a.get(1)) + "'. Try CONFIG HELP.");
        }
        arity("config|get", a.size() == 3);
        String param = name(a.get(2));
        String value = switch (param) {
            case "save" -> "";
            case "appendonly" -> "no";
            default -> null;
        };
        if (value == null) {
            out.arrayHeader(0);
        } else {
            out.arrayHeader(2);
            out.bulk(param);
            out.bulk(value);
        }
    }

    /** {@return Redis's reply to a command it does not know: at most ~128 bytes of its arguments} */
    static String unknown(List<byte[]> a) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < a.size() && args.length() < 128; i++) {
            String s = key(a.get(i));
            args.append('\'').append(s, 0, Math.min(s.length(), 128 - args.length())).append("' ");
        }
        String name = key(a.get(0));
        return "ERR unknown command '" + name.substring(0, Math.min(name.length(), 128))
                + "', with args beginning with: " + args;
    }
}
