package dev.weft.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.runtime.Handle;
import dev.weft.runtime.Runtime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * Weft with the JDK's own asynchronous and blocking APIs, against a local
 * {@code com.sun.net.httpserver} server on a free loopback port (no internet needed):
 * <ol>
 * <li>{@code HttpClient.sendAsync} awaited in a coroutine through {@code Futures.from(...)},
 *     one request and three side by side;</li>
 * <li>a blocking library call ({@code HttpURLConnection}) moved off the workers with
 *     {@code spawnBlocking};</li>
 * <li>{@code handle.executor()}: a {@code CompletableFuture} continuation that runs as a task of
 *     the runtime;</li>
 * <li>{@code blockOn} from a plain virtual thread that is not part of the runtime.</li>
 * </ol>
 */
public final class HttpClientExample {
    private HttpClientExample() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = startServer();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        System.out.println("server listening on 127.0.0.1 (a free port)");
        try (Runtime rt = Runtime.builder().enableAll().build();
             HttpClient client = HttpClient.newHttpClient()) {
            rt.blockOn(Async.async(() -> {
                // 1. the JDK's CompletableFuture, awaited: the coroutine suspends, no thread waits
                HttpResponse<String> hello = Futures.from(client.sendAsync(get(base + "/hello"),
                        BodyHandlers.ofString())).await();
                System.out.println("sendAsync + await: " + hello.statusCode() + " " + hello.body());

                List<Future<String>> users = IntStream.rangeClosed(1, 3)
                        .mapToObj(i -> fetchBody(client, base + "/users/" + i))
                        .toList();
                System.out.println("three requests side by side: " + Futures.join(users).await());

                // 2. a blocking API: on a blocking thread, not on a worker
                String legacy = Weft.spawnBlocking(() -> blockingGet(base + "/legacy")).await();
                System.out.println("spawnBlocking (HttpURLConnection): " + legacy);

                // 3. a JDK continuation scheduled on the runtime, as one of its tasks
                Handle handle = Handle.current();
                CompletableFuture<String> summary = client.sendAsync(get(base + "/hello"), BodyHandlers.ofString())
                        .thenApplyAsync(r -> r.body().length() + " chars, counted on the runtime: "
                                + handle.equals(Handle.current()), handle.executor());
                System.out.println("handle.executor(): " + Futures.from(summary).await());
                return null;
            }));

            // 4. code outside the runtime (a plain virtual thread) waits for a Weft future
            String[] seen = new String[1];
            Thread plain = Thread.ofVirtual().start(() -> {
                try {
                    seen[0] = rt.blockOn(fetchBody(client, base + "/hello"));
                } catch (Exception e) {
                    seen[0] = "failed: " + e;
                }
            });
            plain.join();
            System.out.println("blockOn from a plain virtual thread: " + seen[0]);
        } finally {
            server.stop(0);
        }
        System.out.println("server stopped");
    }

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }

    /** A lazy Weft future of a GET's body: the request starts when the future is first polled. */
    static Future<String> fetchBody(HttpClient client, String url) {
        return Futures.lazy(() -> Futures.from(client.sendAsync(get(url), BodyHandlers.ofString())))
                .map(HttpResponse::body);
    }

    /** A blocking GET with the old {@code HttpURLConnection}: the kind of call spawnBlocking is for. */
    static String blockingGet(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try (InputStream in = c.getInputStream()) {
            return c.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    /** The local server: /hello, /users/N and /legacy, each handled on its own virtual thread. */
    static HttpServer startServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hello", ex -> reply(ex, "hello from the local server"));
        server.createContext("/users/", ex -> reply(ex, "user " + ex.getRequestURI().getPath().substring("/users/".length())));
        server.createContext("/legacy", ex -> reply(ex, "blocking call done"));
        server.start();
        return server;
    }

    private static void reply(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
