/**
 * {@code ./weft bench echo}: echo servers compared end to end on loopback — Weft (coroutine,
 * poll-based and blocking-stream handlers, both runtime flavors), Netty (NIO and native epoll)
 * and virtual threads, each in its own JVM, beside the peer programs when they are built (a C
 * epoll server and a Tokio one, native processes) — each pinned to one CPU and driven by a
 * single-threaded load generator pinned to another: the peers' C one when it is there, else a
 * Java NIO one. Reports requests/s, p50/p99/p99.9 round-trip latency and the server's CPU time
 * per request (the minimum and the median over rounds), as ratios against the C server when it
 * ran, else the seed's echo server on the multi-thread runtime.
 *
 * {@snippet lang=shell :
 * ./weft bench echo                                   # every server, 1, 16 and 256 connections
 * ./weft bench echo --servers c-epoll,weft-ct,netty-epoll --conns 16 --rounds 5
 * ./weft bench echo --servers weft-mt,netty-nio --conns 16 --warmup 5 --seconds 10 --loadgen java
 * ./weft bench echo --peers "$PEERS_OUT"              # peers built somewhere else (or: WEFT_PEERS)
 * }
 *
 * <p>Entry points: {@link dev.weft.bench.echo.EchoBench} (the harness),
 * {@link dev.weft.bench.echo.EchoServer} (one JVM server per process),
 * {@link dev.weft.bench.echo.LoadGenerator} (the Java client); the peers are found and
 * started by {@code Peers}, the C client run by {@code CLoadGenerator}.
 */
package dev.weft.bench.echo;
