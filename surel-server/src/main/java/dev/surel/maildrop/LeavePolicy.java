package dev.surel.maildrop;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What happens to mail a POP3 client downloaded (leave-on-server), per domain and per user:
 * <ul>
 *   <li>{@link Delete} ({@code "delete"}, the default): DELE removes the message at QUIT;
 *       the server never removes mail by itself (CAPA {@code EXPIRE NEVER}).</li>
 *   <li>{@link Keep} ({@code "keep:30d"}): DELE removes it as above, and the server also
 *       expunges every message N days after its first download (CAPA {@code EXPIRE N},
 *       RFC 2449 §6.7); {@code keep:0d} expunges at the next run of the expiry job.</li>
 *   <li>{@link Hide} ({@code "hide"}): DELE only hides the message from later POP3 sessions;
 *       IMAP keeps seeing it (CAPA {@code EXPIRE NEVER}).</li>
 * </ul>
 */
public sealed interface LeavePolicy {

    public record Delete() implements LeavePolicy { }

    public record Keep(int days) implements LeavePolicy {
        public Keep {
            if (days < 0) throw new IllegalArgumentException("keep days must be >= 0");
        }
    }

    public record Hide() implements LeavePolicy { }

    Pattern KEEP = Pattern.compile("keep[: ](\\d{1,5})\\s*(d|days?)?");

    /** Parses {@code delete}, {@code hide}, {@code keep:N} or {@code keep:Nd} (case-insensitive). */
    public static LeavePolicy parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("delete")) return new Delete();
        if (t.equals("hide")) return new Hide();
        Matcher m = KEEP.matcher(t);
        if (m.matches()) return new Keep(Integer.parseInt(m.group(1)));
        throw new IllegalArgumentException("not a POP3 policy: use delete, hide or keep:<days>d");
    }

    /** The stored and displayed form: {@code delete}, {@code hide}, {@code keep:30d}. */
    default String text() {
        return switch (this) {
            case Delete d -> "delete";
            case Hide h -> "hide";
            case Keep k -> "keep:" + k.days() + "d";
        };
    }

    /** The CAPA EXPIRE value (RFC 2449 §6.7): days, or NEVER when the server never deletes by itself. */
    default String expire() {
        return switch (this) {
            case Delete d -> "NEVER";
            case Hide h -> "NEVER";
            case Keep k -> Integer.toString(k.days());
        };
    }
}
