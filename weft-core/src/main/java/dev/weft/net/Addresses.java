package dev.weft.net;

import dev.weft.future.internal.Args;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Parsing of {@code "host:port"} strings, with IPv6 literals in brackets. */
final class Addresses {
    private Addresses() {
    }

    /** A host and port, not yet resolved. */
    record HostPort(String host, int port) {
        /** @return the address if the host is an IP literal, else null (needs resolution) */
        InetSocketAddress literal() {
            try {
                return new InetSocketAddress(InetAddress.ofLiteral(host), port);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /**
     * @param hostPort like {@code "127.0.0.1:8080"}, {@code "localhost:0"} or {@code "[::1]:80"}
     * @param name the argument's name, for the message
     * @return its parts
     * @throws IllegalArgumentException if it is not host:port with a port in 0..65535
     */
    static HostPort parse(String hostPort, String name) {
        Args.notNull(hostPort, name);
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw bad(hostPort, name);
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw bad(hostPort, name);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw bad(hostPort, name);
        }
        if (port < 0 || port > 65535 || host.isEmpty()) {
            throw bad(hostPort, name);
        }
        return new HostPort(host, port);
    }

    private static IllegalArgumentException bad(String hostPort, String name) {
        return new IllegalArgumentException(name + " must be host:port with a port in 0..65535 "
                + "(IPv6 in brackets: [::1]:80), got: \"" + hostPort + "\"");
    }
}
