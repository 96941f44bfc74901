/**
 * {@code ./weft bench echo}: echo servers compared end to end on loopback — Weft (coroutine,
 * poll-based and blocking-stream handlers, both runtime flavors), Netty (NIO and native epoll)
 * and virtual threads — each in its own JVM pinned to one CPU, driven by a single-threaded NIO
 * load generator pinned to another. Reports requests/s, p50/p99/p99.9 round-trip latency and
 * the server's CPU time per request, as ratios against the seed's echo server on the
 * multi-thread runtime.
 *
 * {@snippet lang=shell :
 * ./weft bench echo                                   # every server, 1, 16 and 256 connections
 * ./weft bench echo --servers weft-mt,netty-nio --conns 16 --warmup 5 --seconds 10
 * }
 *
 * <p>Entry points: {@link dev.weft.bench.echo.EchoBench} (the harness),
 * {@link dev.weft.bench.echo.EchoServer} (one server per JVM),
 * {@link dev.weft.bench.echo.LoadGenerator} (the client).
 */
package dev.weft.bench.echo;
