package dev.weft.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EchoOptionsTest {
    @TempDir
    Path tmp;

    private final List<String> notes = new ArrayList<>();

    private EchoOptions parse(Map<String, String> env, String... args) {
        return EchoOptions.parse(args, env, notes::add);
    }

    @Test
    void theCLoadGeneratorIsTheDefaultWhenItIsThere() throws IOException {
        FakePeers.with(tmp, Peers.LOADGEN);
        EchoOptions o = parse(Map.of(), "--peers", tmp.toString());
        assertEquals(EchoOptions.Loadgen.C, o.loadgen());
        assertEquals(tmp, o.peers().dir());
        assertEquals(List.of(), notes);
    }

    @Test
    void otherwiseTheJavaOneWithANote() {
        EchoOptions o = parse(Map.of(Peers.ENV, tmp.toString()));
        assertEquals(EchoOptions.Loadgen.JAVA, o.loadgen());
        assertEquals(1, notes.size());
        assertTrue(notes.getFirst().contains(tmp.resolve("bin/loadgen").toString()), notes.getFirst());
        assertTrue(notes.getFirst().contains("build.sh"), notes.getFirst());
    }

    @Test
    void loadgenChosenByName() throws IOException {
        FakePeers.with(tmp, Peers.LOADGEN);
        Map<String, String> env = Map.of(Peers.ENV, tmp.toString());
        assertEquals(EchoOptions.Loadgen.JAVA, parse(env, "--loadgen", "java").loadgen());
        assertEquals(EchoOptions.Loadgen.C, parse(env, "--loadgen", "c").loadgen());
        assertEquals(List.of(), notes);
        var e = assertThrows(IllegalArgumentException.class, () -> parse(env, "--loadgen", "rust"));
        assertEquals("--loadgen wants c or java, got 'rust'", e.getMessage());
    }

    @Test
    void loadgenCWithoutTheProgramFails() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(), "--loadgen", "c", "--peers", tmp.toString()));
        assertTrue(e.getMessage().startsWith("--loadgen c needs " + tmp.resolve("bin/loadgen")), e.getMessage());
    }

    @Test
    void thePeersOptionWinsOverTheEnvironment() throws IOException {
        Path fromOption = FakePeers.with(tmp.resolve("a"), Peers.LOADGEN);
        Path fromEnv = tmp.resolve("b");
        EchoOptions o = parse(Map.of(Peers.ENV, fromEnv.toString()), "--peers", fromOption.toString());
        assertEquals(fromOption, o.peers().dir());
        assertEquals(EchoOptions.Loadgen.C, o.loadgen());
    }

    @Test
    void defaultServersStartWithThePeersThatAreThere() throws IOException {
        FakePeers.with(tmp, "echo_epoll", "echo-tokio");
        List<String> servers = parse(Map.of(Peers.ENV, tmp.toString())).servers();
        assertEquals(List.of("c-epoll", "tokio-ct"), servers.subList(0, 2));
        assertEquals(EchoServer.KINDS, servers.subList(2, servers.size()));
    }

    @Test
    void defaultServersLeaveOutMissingPeers() throws IOException {
        FakePeers.with(tmp, "echo-tokio");
        List<String> servers = parse(Map.of(Peers.ENV, tmp.toString())).servers();
        assertEquals("tokio-ct", servers.getFirst());
        assertEquals(EchoServer.KINDS, servers.subList(1, servers.size()));
        assertEquals(EchoServer.KINDS, parse(Map.of(), "--peers", tmp.resolve("none").toString()).servers());
    }

    @Test
    void namedServersInTheirOrder() throws IOException {
        FakePeers.with(tmp, "echo_epoll");
        // --peers after --servers: the peer is looked up where --peers says
        EchoOptions o = parse(Map.of(), "--servers", "weft-ct,c-epoll", "--peers", tmp.toString());
        assertEquals(List.of("weft-ct", "c-epoll"), o.servers());
    }

    @Test
    void aNamedPeerThatIsMissingFails() throws IOException {
        FakePeers.with(tmp, "echo_epoll");
        var e = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(Peers.ENV, tmp.toString()), "--servers", "c-epoll,tokio-ct"));
        String m = e.getMessage();
        assertTrue(m.startsWith("server tokio-ct needs " + tmp.resolve("bin/echo-tokio")), m);
        assertTrue(m.contains("build.sh") && m.contains("$PEERS_OUT") && m.contains("--peers DIR")
                && m.contains(Peers.ENV), m);
    }

    @Test
    void anUnknownServerFails() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--servers", "nginx"));
        assertTrue(e.getMessage().startsWith("unknown server 'nginx'"), e.getMessage());
    }

    @Test
    void theUsageNamesTheNewOptions() {
        assertTrue(EchoOptions.USAGE.contains("--loadgen c|java"));
        assertTrue(EchoOptions.USAGE.contains("--peers DIR"));
        assertTrue(EchoOptions.USAGE.contains("c-epoll,tokio-ct,weft-mt,"));
    }

    @Test
    void helpIsAnEmptyMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--help"));
        assertEquals("", e.getMessage());
    }

    @Test
    void serversOnSeveralCpusWithAThreadedCLoadGenerator() throws IOException {
        FakePeers.with(tmp, Peers.LOADGEN, "echo_epoll", "echo-tokio");
        Map<String, String> env = Map.of(Peers.ENV, tmp.toString());
        EchoOptions o = parse(env, "--servers", "c-epoll2,tokio-mt2,weft-tpc", "--server-cpu", "0-1",
                "--client-cpu", "0,1", "--client-threads", "2");
        assertEquals(List.of("c-epoll2", "tokio-mt2", "weft-tpc"), o.servers());
        assertEquals("0-1", o.serverCpu());
        assertEquals("0,1", o.clientCpu());
        assertEquals(2, o.clientThreads());
        assertEquals(1, parse(env).clientThreads());
        assertEquals("0", parse(env).serverCpu());
        var bad = assertThrows(IllegalArgumentException.class, () -> parse(env, "--server-cpu", "0;1"));
        assertTrue(bad.getMessage().startsWith("--server-cpu wants CPUs as taskset -c takes them"), bad.getMessage());
        var java = assertThrows(IllegalArgumentException.class,
                () -> parse(env, "--loadgen", "java", "--client-threads", "2"));
        assertEquals("--client-threads 2 needs the C load generator (--loadgen c)", java.getMessage());
    }

    @Test
    void theDefaultListHasOnlyTheOneThreadPeers() throws IOException {
        FakePeers.with(tmp, Peers.LOADGEN, "echo_epoll", "echo-tokio");
        List<String> servers = parse(Map.of(Peers.ENV, tmp.toString())).servers();
        assertEquals(List.of("c-epoll", "tokio-ct"), servers.subList(0, 2));
        assertTrue(!servers.contains("c-epoll2") && !servers.contains("tokio-mt2"), servers.toString());
    }

    @Test
    void aServerNamedWithCpusRunsThereWithItsLoadGenerator() throws IOException {
        FakePeers.with(tmp, Peers.LOADGEN, "echo_epoll");
        EchoOptions o = parse(Map.of(Peers.ENV, tmp.toString()), "--servers", "c-epoll2@0-1,weft-tpc@0,1,weft-ct");
        assertEquals(List.of("c-epoll2@0-1", "weft-tpc@0,1", "weft-ct"), o.servers());
        assertEquals(new Placement("weft-tpc", "0,1", "0,1", 2), Placement.of("weft-tpc@0,1", o));
        assertEquals(new Placement("weft-ct", "0", "1", 1), Placement.of("weft-ct", o));
        assertEquals(3, Placement.cpuCount("0,2-3"));
        var bad = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(Peers.ENV, tmp.toString()), "--servers", "weft-tpc@all"));
        assertTrue(bad.getMessage().startsWith("--servers weft-tpc wants CPUs"), bad.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(Peers.ENV, tmp.toString()), "--servers", "nginx@0-1"));
        assertTrue(unknown.getMessage().startsWith("unknown server 'nginx'"), unknown.getMessage());
    }
}
