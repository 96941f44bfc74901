package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.io.Io;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The code of {@code docs/guide.md} that is not part of an example, compiled here so it cannot
 * rot; {@link DocsSnippetsTest} checks the guide still shows exactly these regions.
 */
final class GuideSnippets {
    private GuideSnippets() {
    }

    // region first-program
    public static void main(String[] args) throws Exception {
        Weft.run(() -> {                                       // #[tokio::main]
            JoinHandle<String> auth = Weft.spawn(call("auth", 120));
            JoinHandle<String> pricing = Weft.spawn(call("pricing", 150));
            System.out.println(auth.await() + ", " + pricing.await());   // after ~150 ms, not 270
            return null;
        });
    }

    static Future<String> call(String name, long ms) {
        return Async.async(() -> {                             // an async fn: lazy until polled
            Weft.sleep(Duration.ofMillis(ms)).await();         // suspends this coroutine only
            return name + " responded after " + ms + "ms";
        });
    }
    // endregion

    static Void runtime(TcpListener listener) throws Exception {
        // region runtime
        try (Runtime rt = Runtime.builder().currentThread().enableAll().build()) {
            rt.blockOn(Async.async(() -> EchoServer.acceptLoop(listener)));
        }
        // endregion
        return null;
    }

    static Void echo() throws Exception {
        // region echo
        Weft.run(() -> {
            TcpListener listener = TcpListener.bind("127.0.0.1:8080");
            for (;;) {
                TcpStream socket = listener.accept().await();
                Weft.spawn(() -> {
                    try (socket) {
                        ByteBuffer buf = ByteBuffer.allocate(1024);
                        while (socket.read(buf.clear()).await() != Io.EOF) {
                            socket.writeAll(buf.flip()).await();
                        }
                    }
                    return null;
                });
            }
        });
        // endregion
        return null;
    }
}
