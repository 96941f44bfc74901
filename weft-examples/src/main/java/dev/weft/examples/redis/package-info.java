/**
 * Mini-redis: a Redis server written with Weft, good enough for {@code redis-cli},
 * {@code redis-benchmark} and client libraries (RESP2 over TCP).
 *
 * <p><b>Commands.</b> {@code PING}, {@code ECHO}, {@code GET}, {@code SET} (with {@code EX},
 * {@code PX}, {@code NX}, {@code XX}, {@code KEEPTTL}), {@code DEL}, {@code EXISTS},
 * {@code INCR}, {@code DECR}, {@code EXPIRE}, {@code TTL}, {@code MGET}, {@code MSET},
 * {@code PUBLISH}, {@code SUBSCRIBE}, {@code UNSUBSCRIBE}, {@code QUIT}, and what clients ask at
 * start ({@code CONFIG GET}, {@code COMMAND}). Errors use Redis's exact wording.
 *
 * <p><b>Pieces.</b> {@link dev.weft.examples.redis.MiniRedis} accepts and shuts down (Ctrl-C,
 * SIGTERM); a {@code Connection} per client parses ({@code RespParser}), runs
 * ({@code RedisCommands}) and answers ({@code RespOut}) pipelined requests in order; the
 * {@code Store} is a {@code MapStore} whose keys expire on the runtime's timer
 * ({@code ExpiryQueue}); {@code PubSub} is a {@code Broadcast} per channel.
 *
 * <p><b>Bad input</b> gets a RESP error and never costs unbounded memory: a malformed request is
 * answered {@code -ERR Protocol error: ...} and the connection closed; a bulk length over the
 * limit is refused from its header; a client that sends without reading its replies is held
 * (then closed when idle); a client that trickles a partial request is closed at its idle
 * deadline.
 */
package dev.weft.examples.redis;
