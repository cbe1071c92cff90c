package dev.surel.store.sql;

import dev.surel.store.Flag;

/** A change to a mailbox's live-message counts. */
record Counts(long messages, long unseen, long deleted, long size) {
    static final Counts ZERO = new Counts(0, 0, 0, 0);

    /** The counts one live message with these flags contributes. */
    static Counts of(int flagBits, long size) {
        return new Counts(1, (flagBits & Flag.SEEN.bit()) == 0 ? 1 : 0, (flagBits & Flag.DELETED.bit()) != 0 ? 1 : 0, size);
    }

    /** The count change of a live message's flags going from {@code before} to {@code after}. */
    static Counts flagChange(int before, int after) {
        return of(after, 0).minus(of(before, 0));
    }

    Counts plus(Counts o) {
        return new Counts(messages + o.messages, unseen + o.unseen, deleted + o.deleted, size + o.size);
    }

    Counts minus(Counts o) {
        return new Counts(messages - o.messages, unseen - o.unseen, deleted - o.deleted, size - o.size);
    }

    Counts negate() {
        return ZERO.minus(this);
    }

    boolean isZero() {
        return messages == 0 && unseen == 0 && deleted == 0 && size == 0;
    }
}
