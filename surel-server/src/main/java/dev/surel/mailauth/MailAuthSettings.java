package dev.surel.mailauth;

import java.util.List;
import java.util.Locale;

/**
 * The {@code [mail_auth]} settings: what happens to incoming mail on port 25 after SPF, DKIM and
 * DMARC (docs/mail-authentication.md, "Checking incoming mail").
 *
 * @param inbound         check incoming mail on port 25 at all (false: no checks, no Authentication-Results)
 * @param dmarcReject     what a DMARC failure under p=reject gets
 * @param dmarcQuarantine what a DMARC failure under p=quarantine gets
 * @param spfFail         what an SPF fail gets when DMARC has no policy for the message (none, permerror)
 * @param temperror       what a message whose checks failed for now (DNS) gets: mark or defer (451)
 * @param maxSignatures   most DKIM signatures checked per message (RFC 6376 §8.4)
 * @param maxHeaderBytes  largest header section looked at (the store's [mime] max_header_bytes)
 * @param arcTrustedSealers domains whose ARC seals may lift a DMARC failure (RFC 8617 §7.2.1), lower-cased
 */
public record MailAuthSettings(boolean inbound, Action dmarcReject, Action dmarcQuarantine, Action spfFail, TempAction temperror,
                               int maxSignatures, int maxHeaderBytes, List<String> arcTrustedSealers) {

    public MailAuthSettings {
        if (maxSignatures < 1) throw new IllegalArgumentException("max_signatures must be at least 1");
        if (maxHeaderBytes < 1024) throw new IllegalArgumentException("header limit " + maxHeaderBytes);
        arcTrustedSealers = arcTrustedSealers.stream().map(d -> d.toLowerCase(Locale.ROOT).replaceAll("\\.$", "")).toList();
    }

    /** Without trusted ARC sealers. */
    public MailAuthSettings(boolean inbound, Action dmarcReject, Action dmarcQuarantine, Action spfFail, TempAction temperror,
                            int maxSignatures, int maxHeaderBytes) {
        this(inbound, dmarcReject, dmarcQuarantine, spfFail, temperror, maxSignatures, maxHeaderBytes, List.of());
    }

    /** Whether ARC seals by {@code domain} are trusted: it is one of {@link #arcTrustedSealers} or below one. */
    public boolean trustsSealer(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return arcTrustedSealers.stream().anyMatch(t -> d.equals(t) || d.endsWith("." + t));
    }

    /** The defaults: reject p=reject failures, quarantine p=quarantine ones, mark SPF fails, never refuse for DNS trouble. */
    public static MailAuthSettings defaults() {
        return new MailAuthSettings(true, Action.REJECT, Action.QUARANTINE, Action.MARK, TempAction.MARK, 10, 256 * 1024);
    }

    /** Checks off (port 25 takes mail as before). */
    public static MailAuthSettings off() {
        return new MailAuthSettings(false, Action.MARK, Action.MARK, Action.MARK, TempAction.MARK, 10, 256 * 1024);
    }

    /** What a failing message gets. */
    public enum Action {
        /** 550 5.7.1 at the end of DATA / BDAT LAST; nothing is queued. */
        REJECT,
        /** Accepted and delivered to the recipients' Junk mailbox (RFC 6154 \Junk). */
        QUARANTINE,
        /** Accepted into INBOX; only the Authentication-Results field tells. */
        MARK;

        public static Action parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "reject" -> REJECT;
                case "quarantine" -> QUARANTINE;
                case "mark" -> MARK;
                default -> throw new IllegalArgumentException("\"" + s + "\" is not reject, quarantine or mark");
            };
        }
    }

    /** What a temporary failure of the checks gets. */
    public enum TempAction {
        /** Accepted, Authentication-Results says temperror. */
        MARK,
        /** 451 4.4.3: the sender tries again later. */
        DEFER;

        public static TempAction parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "mark" -> MARK;
                case "defer" -> DEFER;
                default -> throw new IllegalArgumentException("\"" + s + "\" is not mark or defer");
            };
        }
    }
}
