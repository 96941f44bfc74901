/**
 * JMH benchmarks of Weft, each measured side by side with a peer (virtual threads,
 * {@code ForkJoinPool}, {@code java.util.concurrent}) in the same run. Run with
 * {@code ./weft bench [JMH options]}; results and commands are in {@code docs/benchmarks.md}.
 */
package dev.weft.bench;
