package dev.weft.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeersTest {
    @TempDir
    Path tmp;

    @Test
    void theOptionComesFirst() {
        Peers p = Peers.locate("/opt/a", Map.of(Peers.ENV, "/opt/b", "TMPDIR", "/opt/c"));
        assertEquals(Path.of("/opt/a"), p.dir());
        assertEquals("--peers", p.origin());
    }

    @Test
    void thenTheEnvironmentVariable() {
        Peers p = Peers.locate(null, Map.of(Peers.ENV, "/opt/b", "TMPDIR", "/opt/c"));
        assertEquals(Path.of("/opt/b"), p.dir());
        assertEquals(Peers.ENV, p.origin());
    }

    @Test
    void thenTheBuildsDefaultUnderTmpdir() {
        assertEquals(Path.of("/opt/c/weft-peers"), Peers.locate(null, Map.of("TMPDIR", "/opt/c")).dir());
        assertEquals(Path.of("/opt/c/weft-peers"), Peers.locate(null, Map.of(Peers.ENV, "", "TMPDIR", "/opt/c")).dir());
        assertEquals(Path.of("/tmp/weft-peers"), Peers.locate(null, Map.of()).dir());
        assertEquals(Path.of("/tmp/weft-peers"), Peers.locate(null, Map.of("TMPDIR", "")).dir());
    }

    @Test
    void aProgramCountsOnlyIfExecutable() throws IOException {
        FakePeers.with(tmp, "echo_epoll");
        Path notExecutable = tmp.resolve("bin/echo-tokio");
        Files.writeString(notExecutable, "");
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
        Peers peers = new Peers(tmp, "--peers");
        assertTrue(peers.hasServer("c-epoll"));
        assertFalse(peers.hasServer("tokio-ct"));
        assertFalse(peers.has(Peers.LOADGEN));
        assertEquals(List.of("c-epoll"), peers.availableServers());
    }

    @Test
    void serverCommands() {
        Peers peers = new Peers(tmp, "--peers");
        assertEquals(List.of(tmp.resolve("bin/echo_epoll").toString(), "4242", "1"), peers.serverCommand("c-epoll", 4242));
        assertEquals(List.of(tmp.resolve("bin/echo-tokio").toString(), "4242", "ct"), peers.serverCommand("tokio-ct", 4242));
        assertEquals("echo-tokio PORT ct", Peers.usage("tokio-ct"));
        assertThrows(IllegalArgumentException.class, () -> peers.serverCommand("weft-mt", 1));
    }

    @Test
    void aMissingProgramSaysWhichFileAndHowToGetIt() {
        Peers peers = Peers.locate(null, Map.of(Peers.ENV, tmp.toString()));
        var e = assertThrows(IllegalArgumentException.class, () -> peers.require("echo-tokio", "server tokio-ct"));
        String m = e.getMessage();
        assertTrue(m.startsWith("server tokio-ct needs " + tmp.resolve("bin/echo-tokio")), m);
        assertTrue(m.contains("from " + Peers.ENV), m);
        assertTrue(m.contains("build.sh"), m);
        assertTrue(m.contains("$PEERS_OUT"), m);
        assertTrue(m.contains("--peers DIR"), m);
        assertTrue(m.contains("set " + Peers.ENV), m);
    }

    @Test
    void requireReturnsThePathOfAProgramThatIsThere() throws IOException {
        FakePeers.with(tmp, Peers.LOADGEN);
        assertEquals(tmp.resolve("bin/loadgen"), new Peers(tmp, "--peers").require(Peers.LOADGEN, "--loadgen c"));
    }

    @Test
    void aServerThatAcceptsIsReady() throws Exception {
        try (ServerSocket listening = new ServerSocket()) {
            listening.bind(new InetSocketAddress("127.0.0.1", 0));
            Process alive = new ProcessBuilder("sleep", "30").start();
            try {
                Peers.awaitAccepting("fake", alive, listening.getLocalPort(), () -> "no log");
            } finally {
                alive.destroyForcibly();
            }
        }
    }

    @Test
    void aServerThatExitsFirstFailsWithItsLog() throws Exception {
        int port = Peers.freePort();
        Process dead = new ProcessBuilder("sh", "-c", "exit 3").start();
        dead.waitFor();
        var e = assertThrows(IOException.class, () -> Peers.awaitAccepting("fake", dead, port, () -> "the log"));
        assertTrue(e.getMessage().contains("server fake exited with status 3"), e.getMessage());
        assertTrue(e.getMessage().endsWith("the log"), e.getMessage());
    }
}
