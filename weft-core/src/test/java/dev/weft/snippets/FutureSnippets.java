package dev.weft.snippets;

import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Selected;
import dev.weft.future.UncheckedFuture;
import dev.weft.runtime.JoinHandle;
import dev.weft.sync.Mpsc;
import java.util.List;

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

    static List<Integer> join(List<JoinHandle<Integer>> handles) {
        // @start region="join"
        // a lambda cannot throw await()'s checked exceptions: join() throws only unchecked ones
        List<Integer> results = handles.stream().map(h -> h.join()).toList();
        // @end
        return results;
    }

    static void uncheckedFuture(Mpsc.Sender<String> tx, List<String> lines) {
        // @start region="unchecked-future"
        // send(...) and reserve() are UncheckedFutures: their awaits compile in any lambda, and
        // a closed channel is an unchecked ChannelClosedException
        lines.forEach(line -> tx.send(line).await());
        Mpsc.Permit<String> slot = tx.reserve().await();
        slot.send("last");
        // @end
    }

    static boolean checkedHandler(dev.weft.net.TcpStream out, Mpsc.Receiver<java.nio.ByteBuffer> rx,
            Future<Void> shutdown) throws Exception {
        // @start region="checked-handler"
        boolean more = dev.weft.future.Select.<Boolean>builder()
                .onNext(rx, buf -> {
                    out.writeAll(buf).await();   // IOException: the select's failure, as it is
                    return true;
                }, () -> false)
                .on(shutdown, v -> false)
                .build()
                .await();
        // @end
        return more;
    }
}
