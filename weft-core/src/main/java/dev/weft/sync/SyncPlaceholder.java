package dev.weft.sync;

/** Keeps the package non-empty until its first primitive lands. */
final class SyncPlaceholder {
    private SyncPlaceholder() {
    }
}
