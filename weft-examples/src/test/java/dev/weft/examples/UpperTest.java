package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.io.Io;
import dev.weft.test.WeftTest;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Upper}: through in-memory pipes, and once as a child JVM with real stdin and stdout. */
@Timeout(60)
class UpperTest {

    @WeftTest
    void upperCasesEachLine() throws Exception {
        Io.Simplex in = Io.simplex(64);
        Io.Simplex out = Io.simplex(1024);
        var writer = Weft.spawn(() -> {
            in.writer().writeAll(ByteBuffer.wrap("hello\nWeft is here\nlast".getBytes(UTF_8))).await();
            in.writer().shutdown().await();
        });
        assertEquals(3, Upper.upper(in.reader(), out.writer()));
        writer.await();
        out.writer().shutdown().await();
        assertEquals("HELLO\nWEFT IS HERE\nLAST\n", new String(out.reader().readToEnd().await(), UTF_8));
    }

    @Test
    void readsTheRealStdinOfAChildJvm() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.weft.examples.Examples", "upper"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write("one\ntwo words\n".getBytes(UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child ends when its stdin does");
        assertEquals(0, p.exitValue());
        assertEquals("ONE\nTWO WORDS\n", out);
    }
}
