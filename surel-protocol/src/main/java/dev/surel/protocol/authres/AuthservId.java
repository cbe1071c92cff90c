package dev.surel.protocol.authres;

import java.util.Locale;
import java.util.Optional;

/**
 * The authserv-id of an {@code Authentication-Results} field (RFC 8601 §2.2:
 * {@code [CFWS] authserv-id [ CFWS authres-version ] ( no-result / 1*resinfo ) [CFWS] CRLF},
 * authserv-id being a {@code value}: a token or a quoted-string, RFC 2045 §5.1).
 */
public final class AuthservId {

    private AuthservId() {
    }

    /**
     * The authserv-id of a field value (the text after the colon, folding kept), or empty when
     * none can be read.
     */
    public static Optional<String> of(String value) {
        int i = skipCfws(value, 0);
        if (i < 0 || i >= value.length()) {
            return Optional.empty();
        }
        if (value.charAt(i) == '"') {
            StringBuilder b = new StringBuilder();
            for (int j = i + 1; j < value.length(); j++) {
                char c = value.charAt(j);
                if (c == '\\' && j + 1 < value.length()) {
                    b.append(value.charAt(++j));
                } else if (c == '"') {
                    return Optional.of(b.toString());
                } else {
                    b.append(c);
                }
            }
            return Optional.empty();
        }
        int j = i;
        while (j < value.length() && isTokenChar(value.charAt(j))) {
            j++;
        }
        return j == i ? Optional.empty() : Optional.of(value.substring(i, j));
    }

    /**
     * Whether the field claims to come from {@code ourId} (compared case-insensitively, as a
     * host name; RFC 8601 §5 asks that such fields arriving from outside be removed).
     */
    public static boolean claims(String value, String ourId) {
        return of(value).map(id -> id.toLowerCase(Locale.ROOT).equals(ourId.toLowerCase(Locale.ROOT))).orElse(false);
    }

    /** RFC 2045 token: any CHAR except SPACE, CTLs and tspecials. */
    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
    }

    /** Skips whitespace, folding and comments (nested, RFC 5322 §3.2.2); -1 when a comment does not end. */
    private static int skipCfws(String s, int i) {
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            } else if (c == '(') {
                depth = 1;
            } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return i;
            }
            i++;
        }
        return depth > 0 ? -1 : i;
    }
}
