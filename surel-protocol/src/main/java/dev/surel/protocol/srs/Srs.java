package dev.surel.protocol.srs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRS0 addresses: {@code SRS0=HHHHHHHH=TT=orig-domain=orig-local@forwarding-domain}.
 *
 * <ul>
 *   <li>{@code TT}: the day of the rewrite (days since 1970 modulo 1024) in two base32 characters;
 *       an address older than {@link #MAX_AGE} is refused.</li>
 *   <li>{@code HHHHHHHH}: eight base32 characters of HMAC-SHA256(secret, TT=orig-domain=orig-local
 *       lower-cased), so only this server's addresses are reversed (no open relay through
 *       forged SRS addresses) and a peer that lower-cases the address does not break it.</li>
 *   <li>An address that already is an SRS0 or SRS1 address is wrapped again as SRS0 (not the
 *       SRS1 short form): longer, but reversed step by step by each forwarder.</li>
 * </ul>
 * The local part can exceed the 64 octets of RFC 5321 §4.5.3.1.1 for long original addresses; in
 * practice MTAs accept that, as they do for other SRS implementations.
 */
public final class Srs {

    public static final Duration MAX_AGE = Duration.ofDays(21);
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int HASH_LENGTH = 8;

    private final byte[] secret;

    /** {@code secret}: at least 16 random octets, kept by the server. */
    public Srs(byte[] secret) {
        if (secret.length < 16) throw new IllegalArgumentException("an SRS secret needs at least 16 octets");
        this.secret = secret.clone();
    }

    /** The outcome of reversing an address. */
    public sealed interface Reversed {
        /** The original reverse-path. */
        record Original(String address) implements Reversed { }

        /** Not an SRS address of ours: forged, damaged or too old. */
        record Invalid(String reason) implements Reversed { }
    }

    /** Whether a local part looks like an SRS address (it is then ours to reverse, or to refuse). */
    public static boolean isSrs(String localPart) {
        String l = localPart.toLowerCase(Locale.ROOT);
        return l.startsWith("srs0=") || l.startsWith("srs1=");
    }

    /**
     * The SRS0 address for forwarding mail from {@code sender} ({@code local@domain}) through
     * {@code forwardingDomain}, on day {@code now}.
     */
    public String forward(String sender, String forwardingDomain, Instant now) {
        int at = sender.lastIndexOf('@');
        if (at <= 0 || at == sender.length() - 1) throw new IllegalArgumentException("not an address: " + sender);
        String local = sender.substring(0, at);
        String domain = sender.substring(at + 1);
        String tt = timestamp(now);
        return "SRS0=" + hash(tt, domain, local) + "=" + tt + "=" + domain + "=" + local + "@" + forwardingDomain;
    }

    /** The original address of an SRS0 local part (the part before our domain), checked. */
    public Reversed reverse(String localPart, Instant now) {
        if (!localPart.regionMatches(true, 0, "SRS0=", 0, 5)) return new Reversed.Invalid("not an SRS0 address");
        String[] f = localPart.substring(5).split("=", 4);
        if (f.length != 4 || f[0].length() != HASH_LENGTH || f[1].length() != 2 || f[2].isEmpty() || f[3].isEmpty()) {
            return new Reversed.Invalid("malformed SRS address");
        }
        String hash = f[0].toLowerCase(Locale.ROOT);
        String tt = f[1].toLowerCase(Locale.ROOT);
        if (!MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII), hash(tt, f[2], f[3]).getBytes(StandardCharsets.US_ASCII))) {
            return new Reversed.Invalid("SRS address not made here (hash mismatch)");
        }
        int day = decode(tt);
        if (day < 0) return new Reversed.Invalid("malformed SRS timestamp");
        long today = now.getEpochSecond() / 86_400;
        long age = Math.floorMod(today - day, 1024);
        if (age > MAX_AGE.toDays()) return new Reversed.Invalid("SRS address expired (" + age + " days old)");
        return new Reversed.Original(f[3] + "@" + f[2]);
    }

    static String timestamp(Instant now) {
        int day = (int) Math.floorMod(now.getEpochSecond() / 86_400, 1024);
        return "" + BASE32.charAt(day >> 5) + BASE32.charAt(day & 31);
    }

    private static int decode(String tt) {
        int hi = BASE32.indexOf(tt.charAt(0));
        int lo = BASE32.indexOf(tt.charAt(1));
        return hi < 0 || lo < 0 ? -1 : hi << 5 | lo;
    }

    private String hash(String tt, String domain, String local) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal((tt + "=" + domain + "=" + local).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(HASH_LENGTH);
            for (int i = 0; i < HASH_LENGTH; i++) b.append(BASE32.charAt(h[i] & 31));
            return b.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no HmacSHA256 in this JDK", e);
        }
    }
}
