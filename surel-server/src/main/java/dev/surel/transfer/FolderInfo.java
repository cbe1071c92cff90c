package dev.surel.transfer;

import dev.surel.store.SpecialUse;

/**
 * One mailbox of the account being imported into or exported from.
 *
 * @param name       Surel's name, "/" delimited ("INBOX", "Archive/2024")
 * @param specialUse RFC 6154 attribute or null
 * @param messages   live messages
 */
public record FolderInfo(String name, SpecialUse specialUse, long messages) {

    /** One line of the admin channel's {@code transfer folders} output: the name comes last (it may hold spaces). */
    public String line() {
        return (specialUse == null ? "-" : specialUse.name()) + " " + messages + " " + name;
    }

    public static FolderInfo parse(String line) {
        String[] f = line.split(" ", 3);
        if (f.length != 3) throw new IllegalArgumentException("bad folder line: " + line);
        return new FolderInfo(f[2], f[0].equals("-") ? null : SpecialUse.valueOf(f[0]), Long.parseLong(f[1]));
    }
}
