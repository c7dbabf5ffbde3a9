package dev.hourglass.backend;

import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.StringVector;

import java.util.ArrayList;
import java.util.List;

/**
 * After a collective failed: which ranks are gone. Each survivor sets "lost/alive/RANK" in the
 * rendezvous store and polls for the others' keys for a bounded time; ranks whose key never
 * appears are named. Rank 0 hosts the store, so it waits until the survivors it saw have finished
 * reading before it returns (and exits); a survivor that cannot reach the store names rank 0.
 */
final class LostRanks {

    private LostRanks() {
    }

    /** "rank 1" or "ranks 1, 3" (or "a rank" when the store cannot tell). */
    static String find(Store store, int me, int world, long pollMillis) {
        try {
            store.setTimeout(new Milliseconds(pollMillis));
            store.set("lost/alive/" + me, "1");
            long deadline = System.currentTimeMillis() + pollMillis;
            List<Integer> missing = missing(store, me, world);
            while (!missing.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                missing = missing(store, me, world);
            }
            store.add("lost/done", 1);
            if (me == 0) { // keep hosting the store until every survivor has read it
                long survivors = world - missing.size();
                while (store.add("lost/done", 0) < survivors && System.currentTimeMillis() < deadline + pollMillis) Thread.sleep(100);
            }
            if (missing.isEmpty()) return "a rank";
            return (missing.size() == 1 ? "rank " : "ranks ") + String.join(", ", missing.stream().map(String::valueOf).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "a rank";
        } catch (RuntimeException e) {
            return me == 0 ? "a rank" : "rank 0 (the master, which hosts the rendezvous store)";
        }
    }

    private static List<Integer> missing(Store store, int me, int world) {
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < world; r++) {
            if (r != me && !store.check(new StringVector("lost/alive/" + r))) out.add(r);
        }
        return out;
    }
}
