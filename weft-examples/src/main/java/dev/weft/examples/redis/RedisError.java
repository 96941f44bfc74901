package dev.weft.examples.redis;

/**
 * A command's failure that the client sees as a RESP error: the message is the whole line after
 * the {@code -}, with Redis's own wording ({@code ERR value is not an integer or out of range}).
 * No stack trace: it is a reply, not a fault.
 */
final class RedisError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";
    static final String SYNTAX = "ERR syntax error";

    RedisError(String message) {
        super(message, null, false, false);
    }
}
