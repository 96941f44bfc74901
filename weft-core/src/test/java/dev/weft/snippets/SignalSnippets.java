package dev.weft.snippets;

import dev.weft.Weft;
import dev.weft.signal.Signals;
import dev.weft.sync.CancellationToken;

/** Examples for the package {@code dev.weft.signal}. */
final class SignalSnippets {
    private SignalSnippets() {
    }

    static void packageInfo() throws Exception {
        // @start region="package"
        Weft.run(() -> {
            CancellationToken shutdown = new CancellationToken();
            Weft.spawn(() -> { Signals.ctrlC().await(); shutdown.cancel(); return null; });
            runUntil(shutdown);
            return null;
        });
        // @end
    }

    // ---- what the regions use -------------------------------------------------------------------

    /** The program: serves until {@code shutdown} is cancelled, then winds down. */
    static void runUntil(CancellationToken shutdown) {
        shutdown.cancelled().await();
    }
}
