package dev.surel.protocol.authres;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds one {@code Authentication-Results} header field (RFC 8601 §2.2): the authserv-id, then
 * one resinfo per method ({@code method=result} with an optional {@code reason}-like comment and
 * its properties, §2.3, §2.7), folded one resinfo per line. Every value is written as a token
 * when it is one and as a quoted-string otherwise; comments keep only printable ASCII and no
 * parentheses or backslashes, so peer text cannot break the field.
 */
public final class AuthResults {
    private final String authservId;
    private final List<String> resinfos = new ArrayList<>();

    public AuthResults(String authservId) {
        this.authservId = authservId;
    }

    /**
     * Adds a result.
     *
     * @param method     e.g. "dkim", "spf", "dmarc"
     * @param result     e.g. "pass"
     * @param comment    shown in parentheses after the result ("" for none)
     * @param properties ptype.property=value pairs, e.g. "header.d", "example.com"
     */
    public AuthResults add(String method, String result, String comment, String... properties) {
        StringBuilder b = new StringBuilder(method).append('=').append(result);
        String c = commentText(comment);
        if (!c.isEmpty()) {
            b.append(" (").append(c).append(')');
        }
        for (int i = 0; i + 1 < properties.length; i += 2) {
            b.append(' ').append(properties[i]).append('=').append(value(properties[i + 1]));
        }
        resinfos.add(b.toString());
        return this;
    }

    /** The whole field with its CRLF: {@code Authentication-Results: id; a=b ...; c=d ...}, or {@code id; none} without results. */
    public String field() {
        StringBuilder b = new StringBuilder("Authentication-Results: ").append(value(authservId));
        if (resinfos.isEmpty()) {
            return b.append("; none\r\n").toString();
        }
        for (String r : resinfos) {
            b.append(";\r\n\t").append(r);
        }
        return b.append("\r\n").toString();
    }

    /** A token as it is, else a quoted-string (RFC 2045 §5.1 value). */
    static String value(String v) {
        boolean token = !v.isEmpty();
        for (int i = 0; i < v.length() && token; i++) {
            char c = v.charAt(i);
            token = c > 0x20 && c < 0x7f && "()<>,;:\\\"/[]?=".indexOf(c) < 0;
        }
        if (token) {
            return v;
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < v.length() && b.length() < 300; i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                b.append('?');
            } else {
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String commentText(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c >= 0x7f || c == '(' || c == ')' || c == '\\' ? ' ' : c);
        }
        return b.toString().strip();
    }
}
