package dev.surel.accounts;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A validated, canonical mailbox address {@code local@domain}: both parts lower-case
 * ({@link Locale#ROOT}).
 *
 * <p>Accepted syntax: the local part is an RFC 5321 §4.1.2 {@code Dot-string} (atoms of
 * {@code atext} joined by single dots) whose {@code atext} includes UTF-8 characters as RFC 6531
 * §3.3 extends it ({@code atext =/ UTF8-non-ascii}, so {@code jörg} and {@code 用户} are local
 * parts), at most 64 octets in UTF-8 (RFC 5321 §4.5.3.1.1); a non-ASCII local part is put in
 * Unicode NFC (RFC 6532 §3.1) before lower-casing, so the composed and decomposed forms of one
 * name are one address. Control and format characters, whitespace, unpaired surrogates and
 * unassigned code points are refused, as are quoted strings. Whether such an address may be used
 * is the protocol's business (SMTP without SMTPUTF8 refuses it: 553 5.6.7, RFC 6531 §3.4). The
 * domain is a host name of LDH labels (RFC 1035 §2.3.1, RFC 5890: each label 1–63 letters,
 * digits or hyphens, not starting or ending with a hyphen; at most 253 characters; no trailing
 * dot). U-labels are converted to A-labels with {@link IDN#toASCII}. Address literals
 * ({@code [192.0.2.1]}) are refused.
 */
public record EmailAddress(String localPart, String domain) {
    public static final int MAX_LOCAL_PART = 64;
    public static final int MAX_DOMAIN = 253;

    public EmailAddress {
        localPart = localPart(localPart);
        domain = domain(domain);
    }

    /** Parses {@code local@domain} (split at the last {@code @}). */
    public static EmailAddress parse(String address) {
        if (address == null) throw new DirectoryException.InvalidAddress("missing");
        int at = address.lastIndexOf('@');
        if (at < 0) throw new DirectoryException.InvalidAddress("no @");
        return new EmailAddress(address.substring(0, at), address.substring(at + 1));
    }

    /** Validates a local part and returns its canonical form: NFC, lower-case. */
    public static String localPart(String s) {
        if (s == null || s.isEmpty()) throw new DirectoryException.InvalidAddress("empty local part");
        boolean ascii = s.chars().allMatch(c -> c < 0x80);
        String n = ascii ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
        boolean dotAllowed = false;
        for (int i = 0; i < n.length(); ) {
            int c = n.codePointAt(i);
            i += Character.charCount(c);
            if (c == '.') {
                if (!dotAllowed) throw new DirectoryException.InvalidAddress("misplaced dot in local part");
                dotAllowed = false;
            } else if (c < 0x80 ? atext((char) c) : utf8Atext(c)) {
                dotAllowed = true;
            } else {
                throw new DirectoryException.InvalidAddress("local part is not a dot-atom");
            }
        }
        if (!dotAllowed) throw new DirectoryException.InvalidAddress("misplaced dot in local part");
        String lower = n.toLowerCase(Locale.ROOT);
        if (!ascii) lower = Normalizer.normalize(lower, Normalizer.Form.NFC);
        if (lower.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_PART) {
            throw new DirectoryException.InvalidAddress("local part longer than 64 octets");
        }
        return lower;
    }

    /** Whether the address has non-ASCII characters (needs SMTPUTF8 on the wire, RFC 6531). */
    public boolean isInternational() {
        return !localPart.chars().allMatch(c -> c < 0x80);
    }

    /**
     * RFC 6531 §3.3 {@code UTF8-non-ascii} as a local-part character: any assigned code point
     * above U+007F except controls, format characters, separators (spaces, U+2028/U+2029),
     * surrogates and private use, which have no business in an address and could hide or forge
     * text in headers and logs.
     */
    static boolean utf8Atext(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> c >= 0x80;
        };
    }

    /** Validates a domain name and returns its lower-case A-label form. */
    public static String domain(String s) {
        if (s == null || s.isEmpty()) throw new DirectoryException.InvalidAddress("empty domain");
        String ascii;
        try {
            ascii = IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new DirectoryException.InvalidAddress("domain is not a valid host name");
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (ascii.isEmpty() || ascii.length() > MAX_DOMAIN) {
            throw new DirectoryException.InvalidAddress("domain is not a valid host name");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                throw new DirectoryException.InvalidAddress("domain is not a valid host name");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    throw new DirectoryException.InvalidAddress("domain is not a valid host name");
                }
            }
        }
        return ascii;
    }

    /** RFC 5322 §3.2.3 atext. */
    static boolean atext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
