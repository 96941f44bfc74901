package dev.weft.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A JVM that inherits SIGINT as ignored (a shell starts background commands that way) cannot
 * install a handler for it: ctrlC() must say so, not wait forever. Runs a child JVM under
 * {@code /bin/sh -c 'trap "" INT; exec java ...'}.
 */
@Timeout(120)
@DisabledOnOs(OS.WINDOWS)
class IgnoredSignalTest {

    @Test
    void ctrlCFailsLoudlyWhenTheProcessIgnoresSigint() throws Exception {
        List<String> out = runChild("trap '' INT; ");
        assertEquals(1, out.size(), () -> "one line: " + out);
        String line = out.get(0);
        assertTrue(line.startsWith("unsupported: SIGINT cannot be handled: this process ignores it"), line);
        assertTrue(line.contains("trap - INT"), "names the fix: " + line);
    }

    @Test
    void ctrlCListensWhenSigintHasItsDefaultDisposition() throws Exception {
        // POSIX: a non-interactive shell cannot reset a signal that was ignored when it started,
        // so under a build that itself inherited SIGINT ignored, `trap - INT` does nothing.
        Assumptions.assumeFalse(SignalsTest.sigintIgnoredHere(), "this JVM inherited SIGINT ignored, so sh "
                + "cannot give its child the default disposition (POSIX): run the build in the foreground");
        List<String> out = runChild("trap - INT; ");
        assertEquals(List.of("listening"), out);
    }

    /** Runs {@link Child} under {@code sh -c PREFIX exec java ...}; returns its output lines. */
    private static List<String> runChild(String prefix) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh to start a JVM with SIGINT ignored");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", prefix + "exec \"$0\" -cp \"$1\" \"$2\"",
                java, System.getProperty("java.class.path"), Child.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM ended");
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), text);
            return text.lines().filter(l -> !l.isBlank()).toList();
        } finally {
            p.destroyForcibly();
        }
    }

    /** The child: polls ctrlC() once and prints what it answered, then stops listening. */
    public static final class Child {
        private Child() {
        }

        /** @param args none */
        public static void main(String[] args) {
            SignalFuture f = Signals.ctrlC();
            Poll<Void> p = f.poll(Context.of(Waker.noop()));
            if (p instanceof Poll.Failed<Void> failed) {
                String kind = failed.error() instanceof UnsupportedOperationException ? "unsupported: " : "failed: ";
                System.out.println(kind + failed.error().getMessage());
            } else {
                System.out.println(p.isPending() ? "listening" : "ready?");
                f.cancel();
            }
        }
    }
}
