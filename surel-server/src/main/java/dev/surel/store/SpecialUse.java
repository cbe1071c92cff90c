package dev.surel.store;

/** RFC 6154 special-use attributes a mailbox may carry. */
public enum SpecialUse {
    DRAFTS("\\Drafts"), SENT("\\Sent"), TRASH("\\Trash"), JUNK("\\Junk"), ARCHIVE("\\Archive"), ALL("\\All"), FLAGGED("\\Flagged");

    private final String attribute;

    SpecialUse(String attribute) { this.attribute = attribute; }

    public String attribute() { return attribute; }

    public static SpecialUse fromAttribute(String a) {
        if (a == null) return null;
        for (SpecialUse s : values()) if (s.attribute.equalsIgnoreCase(a)) return s;
        throw new IllegalArgumentException("unknown special use " + a);
    }
}
