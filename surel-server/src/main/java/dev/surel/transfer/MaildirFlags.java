package dev.surel.transfer;

import dev.surel.store.Flag;
import dev.surel.store.Flags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags in Maildir file names (the "info" after {@code :2,}, cr.yp.to/proto/maildir.html):
 * {@code D} draft, {@code F} flagged, {@code P} passed (the keyword {@code $Forwarded}),
 * {@code R} replied ({@code \Answered}), {@code S} seen, {@code T} trashed ({@code \Deleted});
 * lower-case letters are Dovecot's keywords, {@code a} the first line of the folder's
 * {@code dovecot-keywords} file ("0 $Label1"), up to {@code z}.
 */
final class MaildirFlags {

    static final String FORWARDED = "$Forwarded";
    /** The info part: ":2," (also "!2," or ";2," of file systems without ":"), then the letters. */
    private static final Pattern INFO = Pattern.compile("[:!;]2,([A-Za-z]*)$");

    private MaildirFlags() {
    }

    /** The name without its info part: the key of dovecot-uidlist. */
    static String base(String fileName) {
        Matcher m = INFO.matcher(fileName);
        return m.find() ? fileName.substring(0, m.start()) : fileName;
    }

    /** The flags of a file name; {@code keywords} from {@link #readKeywords} (index = letter - 'a'). */
    static Flags parse(String fileName, Map<Integer, String> keywords) {
        Matcher m = INFO.matcher(fileName);
        if (!m.find()) return Flags.NONE;
        EnumSet<Flag> system = EnumSet.noneOf(Flag.class);
        Set<String> kw = new LinkedHashSet<>();
        for (char c : m.group(1).toCharArray()) {
            switch (c) {
                case 'D' -> system.add(Flag.DRAFT);
                case 'F' -> system.add(Flag.FLAGGED);
                case 'P' -> kw.add(FORWARDED);
                case 'R' -> system.add(Flag.ANSWERED);
                case 'S' -> system.add(Flag.SEEN);
                case 'T' -> system.add(Flag.DELETED);
                default -> {
                    if (c >= 'a' && c <= 'z') {
                        String k = keywords.get(c - 'a');
                        if (k != null && isAtom(k)) kw.add(k);
                    }
                }
            }
        }
        return new Flags(system, kw);
    }

    /** The info letters for {@code flags}, sorted as Dovecot writes them; {@code letters} maps keywords to 'a'.. */
    static String letters(Flags flags, Map<String, Character> letters) {
        StringBuilder b = new StringBuilder();
        if (flags.has(Flag.DRAFT)) b.append('D');
        if (flags.has(Flag.FLAGGED)) b.append('F');
        boolean forwarded = flags.keywords().contains(FORWARDED); // keywords compare case-insensitively
        if (forwarded) b.append('P');
        if (flags.has(Flag.ANSWERED)) b.append('R');
        if (flags.has(Flag.SEEN)) b.append('S');
        if (flags.has(Flag.DELETED)) b.append('T');
        List<Character> kw = new ArrayList<>();
        for (String k : flags.keywords()) {
            if (k.equalsIgnoreCase(FORWARDED)) continue;
            Character c = letters.get(k.toLowerCase(java.util.Locale.ROOT));
            if (c != null) kw.add(c);
        }
        kw.stream().sorted().forEach(b::append);
        return b.toString();
    }

    /** Dovecot's {@code dovecot-keywords} of a Maildir folder: "index keyword" per line; empty when absent. */
    static Map<Integer, String> readKeywords(Path folderDir) throws IOException {
        Path f = folderDir.resolve("dovecot-keywords");
        Map<Integer, String> out = new TreeMap<>();
        if (!Files.isRegularFile(f)) return out;
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            int sp = line.indexOf(' ');
            if (sp <= 0) continue;
            try {
                int i = Integer.parseInt(line.substring(0, sp));
                if (i >= 0 && i < 26) out.put(i, line.substring(sp + 1).strip());
            } catch (NumberFormatException e) {
                // not a keyword line
            }
        }
        return out;
    }

    /** An IMAP atom usable as a keyword (RFC 9051 §9 flag-keyword). */
    static boolean isAtom(String k) {
        return Flags.isKeyword(k, MAX_KEYWORD);
    }

    /** The longest keyword an import keeps. */
    static final int MAX_KEYWORD = 200;
}
