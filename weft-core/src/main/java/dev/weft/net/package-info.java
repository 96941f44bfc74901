/**
 * Networking on the runtime's reactor: {@link dev.weft.net.TcpListener},
 * {@link dev.weft.net.TcpStream}, {@link dev.weft.net.UdpSocket},
 * {@link dev.weft.net.UnixListener} and {@link dev.weft.net.UnixStream}. They need a runtime
 * built with {@code enableIo()} or {@code enableAll()} (what {@code Weft.run} uses).
 *
 * <p>The seed's echo server:
 * {@snippet class=dev.weft.snippets.NetSnippets region=package}
 *
 * <p>Faults are {@link java.io.IOException}s of the operation that met them; they never reach a
 * worker or the reactor.
 */
package dev.weft.net;
