package dev.weft.io.reactor;

import dev.weft.future.internal.SeededRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The seeded order of one turn's wake-ups (deterministic runtime). The OS reports ready
 * channels in its own order; with a seed, a driver only collects the ready registrations of a
 * turn here, then {@link #wakeAll()} sorts them by registration order (stable across runs of
 * one single-threaded program) and shuffles them with the seed before waking them, so the
 * wake-ups of one turn follow the seed. Which channels are ready in one turn still depends on
 * the kernel's timing. Driving thread only.
 */
final class SeededReady {
    private final SeededRandom random;
    private final ArrayList<Registration> regs = new ArrayList<>();
    private final ArrayList<Integer> bits = new ArrayList<>();

    SeededReady(SeededRandom random) {
        this.random = random;
    }

    /** Collects a ready registration with its {@link Registration#READ}/{@link Registration#WRITE} bits. */
    void add(Registration reg, int readyBits) {
        regs.add(reg);
        bits.add(readyBits);
    }

    /** Wakes what this turn collected, in seeded order, and forgets it. */
    void wakeAll() {
        int n = regs.size();
        if (n == 0) {
            return;
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingLong(i -> regs.get(i).order));
        List<Integer> order = Arrays.asList(idx); // a view: swaps shuffle idx
        for (int i = n - 1; i > 0; i--) {
            Collections.swap(order, i, random.nextInt(i + 1));
        }
        try {
            for (int i : idx) {
                regs.get(i).onReady(bits.get(i));
            }
        } finally {
            regs.clear();
            bits.clear();
        }
    }
}
