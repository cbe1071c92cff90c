package dev.surel.protocol.sieve;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * Whether a vacation action may send its reply (RFC 5230 §4.5, §4.6; RFC 3834 §2): a deliverer
 * asks this before it checks the once-per-period record (handle, sender) and sends. Pure: the
 * user's addresses come from the caller (the recipient address, its aliases, :addresses).
 */
public final class VacationPolicy {

    private VacationPolicy() {}

    /** The answer; anything but {@link #REPLY} names why no reply goes out. */
    public enum Decision {
        REPLY,
        /** RFC 5230 §4.6: the null reverse-path (a bounce) gets no reply. */
        NULL_SENDER,
        /** RFC 5230 §4.6: MAILER-DAEMON, LISTSERV, majordomo, owner-*, *-request. */
        AUTOMATED_SENDER,
        /** RFC 3834 §2: Auto-Submitted other than "no". */
        AUTO_SUBMITTED,
        /** RFC 5230 §4.6: Precedence bulk, list or junk. */
        BULK,
        /** RFC 5230 §4.6: a mailing list message (RFC 2369, RFC 2919 List-* fields). */
        LIST,
        /** RFC 5230 §4.5: none of the user's addresses is in To, Cc, Bcc or the Resent- fields. */
        NOT_ADDRESSED,
        /** The message comes from the user: no reply to oneself. */
        SELF
    }

    private static final List<String> LIST_FIELDS = List.of("List-Id", "List-Help", "List-Subscribe",
            "List-Unsubscribe", "List-Post", "List-Owner", "List-Archive");
    private static final List<String> RECIPIENT_FIELDS = List.of("To", "Cc", "Bcc", "Resent-To", "Resent-Cc",
            "Resent-Bcc");

    /**
     * @param userAddresses the addresses of the user (bare {@code local@domain}); the vacation's
     *     {@code :addresses} are added to them
     */
    public static Decision decide(SieveMessage message, SieveAction.Vacation vacation, Collection<String> userAddresses) {
        Addresses.Addr sender = Addresses.envelope(message.envelopeFrom());
        if (sender.all().isEmpty()) return Decision.NULL_SENDER;
        String local = sender.localPart().toLowerCase(Locale.ROOT);
        if (local.equals("mailer-daemon") || local.equals("listserv") || local.equals("majordomo")
                || local.startsWith("owner-") || local.endsWith("-request")) {
            return Decision.AUTOMATED_SENDER;
        }
        for (String v : message.header("Auto-Submitted")) {
            String kw = v.replaceAll("\\(.*?\\)", "").strip().toLowerCase(Locale.ROOT);
            int semi = kw.indexOf(';');
            if (semi >= 0) kw = kw.substring(0, semi).strip();
            if (!kw.equals("no")) return Decision.AUTO_SUBMITTED;
        }
        for (String v : message.header("Precedence")) {
            String p = v.strip().toLowerCase(Locale.ROOT);
            if (p.equals("bulk") || p.equals("list") || p.equals("junk")) return Decision.BULK;
        }
        for (String f : LIST_FIELDS) if (!message.header(f).isEmpty()) return Decision.LIST;
        java.util.Set<String> mine = new java.util.HashSet<>();
        for (String a : userAddresses) mine.add(normal(a));
        for (String a : vacation.addresses()) {
            Addresses.Addr p = Addresses.parseOne(a);
            mine.add(p == null ? normal(a) : normal(p.all()));
        }
        if (mine.contains(normal(sender.all()))) return Decision.SELF;
        for (String field : RECIPIENT_FIELDS) {
            for (String v : message.header(field)) {
                for (Addresses.Addr a : Addresses.parseList(v.replace("\r\n", "").replace("\n", ""))) {
                    if (mine.contains(normal(a.all()))) return Decision.REPLY;
                }
            }
        }
        return Decision.NOT_ADDRESSED;
    }

    /** RFC 5230 §4.5 (:subject absent): "Auto: " and the original subject, RFC 2047 decoded. */
    public static String defaultSubject(SieveMessage message) {
        List<String> s = message.header("Subject");
        String subject = s.isEmpty() ? "" : s.getFirst().replace("\r\n", "").replace("\n", "").strip();
        try {
            subject = DecoderUtil.decodeEncodedWords(subject, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            // keep it as written
        }
        return "Auto: " + subject;
    }

    private static String normal(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
