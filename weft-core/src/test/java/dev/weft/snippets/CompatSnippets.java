package dev.weft.snippets;

import dev.weft.compat.Flows;
import dev.weft.future.Stream;
import dev.weft.runtime.Runtime;
import java.util.concurrent.Flow;

/** Examples for the package {@code dev.weft.compat}. */
final class CompatSnippets {
    private CompatSnippets() {
    }

    static void packageInfo() throws Exception {
        // @start region="package"
        try (Runtime rt = Runtime.builder().enableAll().build()) {
            Flow.Publisher<Integer> pub = Flows.toPublisher(Stream.of(1, 2, 3), rt.handle());
            Stream<Integer> back = Flows.fromPublisher(pub, 2);        // requests 2 at a time
            System.out.println(rt.blockOn(back.collect()));            // [1, 2, 3]
        }
        // @end
    }
}
