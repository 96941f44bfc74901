package dev.weft.time.wheel;

/**
 * A hierarchical timing wheel of intrusive {@link TimerEntry}s, counted in ticks. Single
 * threaded: {@link TimeDriver} guards it with a lock and converts nanoseconds to ticks.
 *
 * {@snippet :
 * Wheel wheel = new Wheel();
 * wheel.insert(entry, 1_500);              // fires at tick 1500
 * TimerEntry due;
 * while ((due = wheel.poll(now)) != null) {
 *     fire(due);
 * }
 * }
 */
public final class Wheel {
    /*
     * Implementation notes.
     *
     * Layout. `levels` levels of 64 slots; a slot of level l spans 64^l ticks, so level l covers
     * 64^(l+1) ticks. Each slot is a doubly linked list of entries (push at the head; the links
     * live in the entries) and each level has a 64-bit mask of its non-empty slots. Entries that
     * are due but not yet handed out wait, in firing order, in the `pending` list.
     *
     * Placement (as in Tokio's wheel). `elapsed` is the last tick the wheel was advanced to. An
     * entry due at `when > elapsed` goes to the level of the highest 6-bit group in which `when`
     * and `elapsed` differ, at the slot given by that group of `when`. So level 0 holds entries of
     * the current 64-tick block, level 1 those of the current 4096-tick block, and so on; within a
     * level every entry lies in a slot strictly after elapsed's own slot. Entries too far away
     * for the top level go to the top level anyway (its slots then act as a ring): the slot comes
     * round before their deadline, and processing it re-places them, so they never fire early.
     * With the default 7 levels the top level spans 2^42 ms (about 139 years); a test can build a
     * 1- or 2-level wheel to exercise the ring.
     *
     * Advancing. The next expiration is the start of the first non-empty slot of the lowest
     * non-empty level: every entry of level l-1 is due before any slot of level l begins. When
     * time reaches it, the slot is taken whole, `elapsed` moves to its start, and each entry
     * either is due (to `pending`) or is re-placed one or more levels lower (the cascade). The
     * next expiration is cached: it changes only when an insert lands in an earlier slot, when
     * the slot it names is emptied, or when the wheel advances.
     *
     * Invariants: every linked slot's start is > elapsed (so a slot is never processed twice);
     * `pending` entries have when <= elapsed; `size` counts slot and pending entries.
     */

    /** {@link TimerEntry#slot} of an entry that is not linked. */
    static final int NONE = -1;
    /** {@link TimerEntry#slot} of an entry in the pending (due) list. */
    static final int PENDING = -2;
    /** The default number of levels: 64^7 ms, about 139 years, before the top level rings. */
    public static final int DEFAULT_LEVELS = 7;
    /** {@link #nextExpiration()} when the wheel is empty. */
    public static final long NEVER = Long.MAX_VALUE;

    private static final int BITS = 6;
    private static final int SLOTS = 1 << BITS;
    private static final long SLOT_MASK = SLOTS - 1;

    private final int levels;
    /** Ticks covered by the whole wheel: 64^levels. */
    private final long span;
    private final TimerEntry[] heads;
    private final long[] occupied;
    private TimerEntry pendingHead;
    private TimerEntry pendingTail;
    private long elapsed;
    private int size;

    // The cached next expiration: its tick and where it is (level -1: the pending list).
    private long next = NEVER;
    private int nextLevel = -1;
    private int nextSlot = -1;
    private boolean nextStale;

    /** A wheel of {@link #DEFAULT_LEVELS} levels starting at tick 0. */
    public Wheel() {
        this(DEFAULT_LEVELS);
    }

    /**
     * A wheel of {@code levels} levels starting at tick 0; few levels make the ring of the top
     * level easy to reach in tests.
     *
     * @param levels 1 to 10
     */
    public Wheel(int levels) {
        if (levels < 1 || levels > 10) {
            throw new IllegalArgumentException("levels must be 1 to 10, was " + levels);
        }
        this.levels = levels;
        this.span = 1L << (BITS * levels);
        this.heads = new TimerEntry[levels * SLOTS];
        this.occupied = new long[levels];
    }

    /** @return the tick the wheel was last advanced to */
    public long elapsed() {
        return elapsed;
    }

    /** @return how many entries are linked (in slots or due) */
    public int size() {
        return size;
    }

    /**
     * Links {@code entry} to expire at tick {@code when}, first unlinking it if linked. An
     * entry due at or before {@link #elapsed()} goes straight to the due list.
     *
     * @param entry the entry
     * @param when its deadline in ticks, non-negative
     */
    public void insert(TimerEntry entry, long when) {
        if (entry.slot != NONE) {
            remove(entry);
        }
        entry.when = when;
        size++;
        if (when <= elapsed) {
            appendPending(entry);
            if (!nextStale) {
                next = elapsed;
                nextLevel = -1;
            }
            return;
        }
        int level = place(entry);
        if (!nextStale) {
            int slot = entry.slot & (SLOTS - 1);
            long start = slotStart(level, slot);
            if (start < next) {
                next = start;
                nextLevel = level;
                nextSlot = slot;
            }
        }
    }

    /**
     * Unlinks {@code entry}; a no-op if it is not linked.
     *
     * @param entry the entry
     * @return whether it was linked
     */
    public boolean remove(TimerEntry entry) {
        int idx = entry.slot;
        if (idx == NONE) {
            return false;
        }
        TimerEntry p = entry.prev;
        TimerEntry n = entry.next;
        if (idx == PENDING) {
            if (p == null) {
                pendingHead = n;
            } else {
                p.next = n;
            }
            if (n == null) {
                pendingTail = p;
            } else {
                n.prev = p;
            }
            if (pendingHead == null) {
                nextStale = true;
            }
        } else {
            if (p == null) {
                heads[idx] = n;
            } else {
                p.next = n;
            }
            if (n != null) {
                n.prev = p;
            }
            if (heads[idx] == null) {
                int level = idx >>> BITS;
                int slot = idx & (SLOTS - 1);
                occupied[level] &= ~(1L << slot);
                if (level == nextLevel && slot == nextSlot) {
                    nextStale = true;
                }
            }
        }
        entry.prev = null;
        entry.next = null;
        entry.slot = NONE;
        size--;
        return true;
    }

    /**
     * The tick at which {@link #poll} next has work: the start of the next slot to process,
     * which is at or before the earliest deadline (exactly it when that entry is within 64
     * ticks), or {@link #elapsed()} if entries are due, or {@link #NEVER} if empty.
     *
     * @return the next expiration tick
     */
    public long nextExpiration() {
        if (nextStale) {
            recomputeNext();
        }
        return next;
    }

    /**
     * Advances the wheel to tick {@code now} and unlinks one due entry. Call until it returns
     * null to take every entry whose deadline is at or before {@code now}: first those that
     * were inserted when already due, in insertion order, then the others in deadline order
     * (entries of one tick in no particular order).
     *
     * @param now the current tick; earlier than {@link #elapsed()} only takes already due entries
     * @return a due entry, now unlinked, or null if none is due
     */
    public TimerEntry poll(long now) {
        for (;;) {
            TimerEntry e = pendingHead;
            if (e != null) {
                remove(e);
                return e;
            }
            long exp = nextExpiration();
            if (exp > now || exp == NEVER) {
                // Nothing is linked at or before now: skip ahead (slot starts are unchanged,
                // as they all lie after now).
                if (now > elapsed) {
                    elapsed = now;
                }
                return null;
            }
            processSlot(nextLevel, nextSlot, exp);
        }
    }

    /** Takes one slot whole at its start tick: due entries to pending, the rest placed lower. */
    private void processSlot(int level, int slot, long start) {
        int idx = level * SLOTS + slot;
        TimerEntry e = heads[idx];
        heads[idx] = null;
        occupied[level] &= ~(1L << slot);
        elapsed = start;
        nextStale = true;
        while (e != null) {
            TimerEntry n = e.next;
            e.prev = null;
            e.next = null;
            if (e.when <= start) {
                appendPending(e);
            } else {
                place(e);
            }
            e = n;
        }
    }

    /** Links an entry with {@code when > elapsed} into its slot; returns its level. */
    private int place(TimerEntry e) {
        long when = e.when;
        int level = levelFor(when);
        int slot = (int) ((when >>> (BITS * level)) & SLOT_MASK);
        int idx = level * SLOTS + slot;
        TimerEntry head = heads[idx];
        e.prev = null;
        e.next = head;
        if (head != null) {
            head.prev = e;
        }
        heads[idx] = e;
        occupied[level] |= 1L << slot;
        e.slot = idx;
        return level;
    }

    private int levelFor(long when) {
        long masked = (elapsed ^ when) | SLOT_MASK;
        if (masked >= span) {
            masked = span - 1; // beyond the top level: ring in the top level
        }
        int significant = 63 - Long.numberOfLeadingZeros(masked);
        return significant / BITS;
    }

    private void appendPending(TimerEntry e) {
        e.slot = PENDING;
        e.next = null;
        e.prev = pendingTail;
        if (pendingTail == null) {
            pendingHead = e;
        } else {
            pendingTail.next = e;
        }
        pendingTail = e;
    }

    private void recomputeNext() {
        nextStale = false;
        nextLevel = -1;
        nextSlot = -1;
        if (pendingHead != null) {
            next = elapsed;
            return;
        }
        for (int level = 0; level < levels; level++) {
            long occ = occupied[level];
            if (occ != 0) {
                // First occupied slot after elapsed's own slot, wrapping round (only the top
                // level's ring can hold an entry in elapsed's own slot).
                int from = (int) ((elapsed >>> (BITS * level)) + 1) & (SLOTS - 1);
                int slot = (Long.numberOfTrailingZeros(Long.rotateRight(occ, from)) + from) & (SLOTS - 1);
                next = slotStart(level, slot);
                nextLevel = level;
                nextSlot = slot;
                return;
            }
        }
        next = NEVER;
    }

    /** The first start of {@code slot} of {@code level} after elapsed. */
    private long slotStart(int level, int slot) {
        int shift = BITS * level;
        long levelRange = 1L << (shift + BITS);
        long start = (elapsed & -levelRange) + ((long) slot << shift);
        if (start <= elapsed) {
            start += levelRange;
        }
        return start;
    }
}
