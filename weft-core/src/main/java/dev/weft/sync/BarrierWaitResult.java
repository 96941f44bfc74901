package dev.weft.sync;

/**
 * What {@link Barrier#arriveAndWait()} yields: whether this task was the generation's leader.
 * Exactly one task of each generation is the leader — the one whose arrival completed it.
 *
 * {@snippet :
 * if (barrier.arriveAndWait().await().isLeader()) {
 *     mergeResults();   // one task of the generation does the follow-up work
 * }
 * }
 */
public final class BarrierWaitResult {
    static final BarrierWaitResult LEADER = new BarrierWaitResult(true);
    static final BarrierWaitResult FOLLOWER = new BarrierWaitResult(false);

    private final boolean leader;

    private BarrierWaitResult(boolean leader) {
        this.leader = leader;
    }

    /** {@return whether this task's arrival completed the generation (exactly one per generation)} */
    public boolean isLeader() {
        return leader;
    }

    @Override
    public String toString() {
        return leader ? "BarrierWaitResult[leader]" : "BarrierWaitResult[follower]";
    }
}
