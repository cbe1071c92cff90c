package dev.surel.store;

import java.util.EnumSet;
import java.util.Set;

/**
 * The IMAP system flags that are stored (RFC 9051 §2.3.2). {@code \Recent} is per session and
 * not stored. Stored as a bit set: the bit values are part of the schema and must never change.
 */
public enum Flag {
    SEEN("\\Seen", 1), ANSWERED("\\Answered", 2), FLAGGED("\\Flagged", 4), DELETED("\\Deleted", 8), DRAFT("\\Draft", 16);

    private final String imapName;
    private final int bit;

    Flag(String imapName, int bit) {
        this.imapName = imapName;
        this.bit = bit;
    }

    public String imapName() { return imapName; }
    public int bit() { return bit; }

    public static int toBits(Set<Flag> flags) {
        int bits = 0;
        for (Flag f : flags) bits |= f.bit;
        return bits;
    }

    public static EnumSet<Flag> fromBits(int bits) {
        EnumSet<Flag> set = EnumSet.noneOf(Flag.class);
        for (Flag f : values()) if ((bits & f.bit) != 0) set.add(f);
        return set;
    }
}
