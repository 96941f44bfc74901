package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Async;
import dev.weft.runtime.Runtime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the streams example of docs/guide.md on a paused clock. */
class GuideStreamsTest {
    @Test
    void streamsExample() throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().enableAll().startPaused(true).build()) {
            List<List<String>> batches = rt.blockOn(Async.async(GuideSnippets::streams));
            assertEquals(List.of(
                    List.of("admin:profile", "ann:profile", "bob:profile"),
                    List.of("cy:profile", "dee:profile")), batches);
        }
    }
}
