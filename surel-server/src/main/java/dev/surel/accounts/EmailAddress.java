package dev.surel.accounts;

import java.net.IDN;
import java.util.Locale;

/**
 * A validated, canonical mailbox address {@code local@domain}: both parts lower-case
 * ({@link Locale#ROOT}).
 *
 * <p>Accepted syntax: the local part is an RFC 5321 §4.1.2 {@code Dot-string} (atoms of
 * {@code atext} joined by single dots, at most 64 octets; quoted strings and non-ASCII local
 * parts are refused for now); the domain is a host name of LDH labels (RFC 1035 §2.3.1,
 * RFC 5890: each label 1–63 letters, digits or hyphens, not starting or ending with a hyphen;
 * at most 253 characters; no trailing dot). U-labels are converted to A-labels with
 * {@link IDN#toASCII}. Address literals ({@code [192.0.2.1]}) are refused.
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

    /** Validates and lower-cases a local part. */
    public static String localPart(String s) {
        if (s == null || s.isEmpty()) throw new DirectoryException.InvalidAddress("empty local part");
        if (s.length() > MAX_LOCAL_PART) throw new DirectoryException.InvalidAddress("local part longer than 64 octets");
        boolean dotAllowed = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (!dotAllowed) throw new DirectoryException.InvalidAddress("misplaced dot in local part");
                dotAllowed = false;
            } else if (atext(c)) {
                dotAllowed = true;
            } else {
                throw new DirectoryException.InvalidAddress("local part is not a dot-atom");
            }
        }
        if (!dotAllowed) throw new DirectoryException.InvalidAddress("misplaced dot in local part");
        return s.toLowerCase(Locale.ROOT);
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
