package dev.surel.protocol.smtp.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the client's MAIL and RCPT command lines with their parameters. Addresses are
 * written as given (the queue stores them already validated); a CR or LF in any value is
 * refused, so no command can be split (response/command injection).
 */
public final class ClientCommands {

    private ClientCommands() {}

    /** RFC 6152 / RFC 3030 BODY= values as the client sends them. */
    public enum Body { SEVEN_BIT, EIGHT_BIT_MIME, BINARY_MIME }

    /**
     * {@code MAIL FROM:<path> [SIZE=n] [BODY=..] [SMTPUTF8] [RET=..] [ENVID=..]}.
     *
     * @param size      RFC 1870 §3: sent when {@code > 0}
     * @param body      RFC 6152 §2: BODY=8BITMIME only when the peer offered 8BITMIME (the caller decides), null to omit
     * @param smtputf8  RFC 6531 §3.4
     * @param ret       RFC 3461 §4.3 "FULL"/"HDRS" or null (caller passes null when the peer has no DSN)
     * @param envid     RFC 3461 §4.4, xtext-encoded here, or null
     */
    public static String mailFrom(String reversePath, long size, Body body, boolean smtputf8, String ret, String envid) {
        return mailFrom(reversePath, size, body, smtputf8, ret, envid, false);
    }

    /** The same, with {@code REQUIRETLS} (RFC 8689 §3) when {@code requireTls}. */
    public static String mailFrom(String reversePath, long size, Body body, boolean smtputf8, String ret, String envid,
                                  boolean requireTls) {
        StringBuilder b = new StringBuilder("MAIL FROM:<").append(checked(reversePath)).append('>');
        if (size > 0) b.append(" SIZE=").append(size);
        if (body != null) {
            b.append(" BODY=").append(switch (body) {
                case SEVEN_BIT -> "7BIT";
                case EIGHT_BIT_MIME -> "8BITMIME";
                case BINARY_MIME -> "BINARYMIME";
            });
        }
        if (smtputf8) b.append(" SMTPUTF8");
        if (ret != null) b.append(" RET=").append(checked(ret));
        if (envid != null) b.append(" ENVID=").append(xtext(envid));
        if (requireTls) b.append(" REQUIRETLS");
        return b.toString();
    }

    /**
     * {@code RCPT TO:<addr> [NOTIFY=..] [ORCPT=type;xtext]}.
     *
     * @param notify RFC 3461 §4.1 values ("SUCCESS", "FAILURE", "DELAY" or "NEVER"), empty to omit
     * @param orcpt  RFC 3461 §4.2 "type;address" decoded, or null; the address part is xtext-encoded here
     */
    public static String rcptTo(String address, List<String> notify, String orcpt) {
        StringBuilder b = new StringBuilder("RCPT TO:<").append(checked(address)).append('>');
        if (!notify.isEmpty()) b.append(" NOTIFY=").append(checked(String.join(",", notify)));
        if (orcpt != null) {
            int semi = orcpt.indexOf(';');
            if (semi > 0) b.append(" ORCPT=").append(checked(orcpt.substring(0, semi))).append(';').append(xtext(orcpt.substring(semi + 1)));
        }
        return b.toString();
    }

    /**
     * RFC 3461 §4: xtext. Octets outside "!".."~", and "+" and "=", become "+XX" (upper-case hex);
     * UTF-8 octets of non-ASCII text are encoded the same way.
     */
    public static String xtext(String value) {
        StringBuilder b = new StringBuilder();
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 0x21 && c <= 0x7e && c != '+' && c != '=') {
                b.append((char) c);
            } else {
                b.append('+').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    private static String checked(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) throw new IllegalArgumentException("control character in a command parameter");
        }
        return s;
    }
}
