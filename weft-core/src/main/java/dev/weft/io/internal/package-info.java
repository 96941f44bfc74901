/**
 * Machinery of the I/O layer that the stream types of other Weft packages share but users do
 * not see: the futures of one read, write or writeAll ({@link dev.weft.io.internal.StreamOp}),
 * which a socket keeps and re-arms so a steady stream of awaits allocates nothing; the
 * future-less await under them ({@link dev.weft.io.internal.IoAwait}); and the contract checks
 * of {@code AsyncRead} and {@code AsyncWrite} answers ({@link dev.weft.io.internal.IoChecks}).
 * Not exported.
 */
package dev.weft.io.internal;
