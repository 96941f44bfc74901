package dev.weft.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one example by name: {@code ./weft example NAME [ARGS]}; {@code ./weft example list}
 * lists them. Each prints what the seed's Rust version prints.
 */
public final class Examples {
    /** An example's entry point. */
    @FunctionalInterface
    interface Main {
        void main(String[] args) throws Exception;
    }

    static final Map<String, Main> ALL = new LinkedHashMap<>();

    static {
        ALL.put("services", Services::main);
        ALL.put("fast-slow", FastSlow::main);
        ALL.put("current-thread", CurrentThread::main);
        ALL.put("timeout", TimeoutExample::main);
        ALL.put("agnostic", Agnostic::main);
        ALL.put("workers", Workers::main);
        ALL.put("spawn-blocking", SpawnBlocking::main);
        ALL.put("no-runtime", NoRuntime::main);
        ALL.put("local-counter", LocalCounter::main);
        ALL.put("blocking-pitfall", BlockingPitfall::main);
        ALL.put("select-timeout", SelectTimeout::main);
        ALL.put("bounded-crawler", BoundedCrawler::main);
        ALL.put("worker-pool", WorkerPool::main);
        ALL.put("pubsub", PubSub::main);
        ALL.put("config-reload", ConfigReload::main);
        ALL.put("graceful-shutdown", GracefulShutdown::main);
        ALL.put("echo-server", EchoServer::main);
        ALL.put("echo-client", EchoClient::main);
        ALL.put("chat-server", ChatServer::main);
        ALL.put("cat-file", CatFile::main);
        ALL.put("process", ProcessExample::main);
        ALL.put("kv-server", KvServer::main);
        ALL.put("kv", KvServer::demo);
        ALL.put("http-client", HttpClientExample::main);
        ALL.put("jfr-summary", JfrSummary::main);
        ALL.put("mini-redis", dev.weft.examples.redis.MiniRedis::main);
        ALL.put("upper", Upper::main);
    }

    private Examples() {
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("list")) {
            System.out.println("examples: " + String.join(", ", ALL.keySet()));
            return;
        }
        Main m = ALL.get(args[0]);
        if (m == null) {
            System.err.println("unknown example '" + args[0] + "'; examples: " + String.join(", ", ALL.keySet()));
            System.exit(2);
        }
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        m.main(rest);
    }
}
