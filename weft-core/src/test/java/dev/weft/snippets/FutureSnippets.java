package dev.weft.snippets;

import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Selected;

/** Examples for the package {@code dev.weft.future}. */
final class FutureSnippets {
    private FutureSnippets() {
    }

    static int packageInfo() throws Exception {
        // @start region="package"
        Future<Integer> sum = Futures.join(Futures.ready(2), Futures.ready(3))
                .map(list -> list.get(0) + list.get(1));
        int five = Futures.blockOn(sum);   // no runtime needed: blockOn is the smallest executor
        // @end
        return five;
    }

    static String selectBiased(Future<String> shutdown, Future<String> work) throws Exception {
        // @start region="select-biased"
        // both ready: the biased select takes the shutdown branch every time
        Selected<String> s = Futures.blockOn(Futures.selectBiased(shutdown, work));
        // @end
        return s.value();
    }
}
