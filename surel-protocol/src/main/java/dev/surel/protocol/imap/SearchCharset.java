package dev.surel.protocol.imap;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The charset of {@code SEARCH CHARSET x} (RFC 9051 §6.4.4: "US-ASCII and UTF-8 MUST be supported"):
 * those two are accepted, any other gives {@link Bad}, answered {@code NO [BADCHARSET (UTF-8
 * US-ASCII)]} (RFC 9051 §7.1). Without a CHARSET the strings are UTF-8 (a superset of US-ASCII).
 */
public sealed interface SearchCharset {

    /** The charsets listed in the BADCHARSET response code, in order. */
    List<String> SUPPORTED = List.of("UTF-8", "US-ASCII");

    record Ok(Charset charset) implements SearchCharset { }

    /** An unsupported charset; {@link #responseCode()} is the response code text. */
    record Bad(String requested) implements SearchCharset {
        public String responseCode() {
            return "BADCHARSET (" + String.join(" ", SUPPORTED) + ")";
        }
    }

    /** Resolves a CHARSET argument (null: none given). Names compare case-insensitively. */
    static SearchCharset of(String name) {
        if (name == null) {
            return new Ok(StandardCharsets.UTF_8);
        }
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "UTF-8", "UTF8" -> new Ok(StandardCharsets.UTF_8);
            case "US-ASCII", "ASCII" -> new Ok(StandardCharsets.US_ASCII);
            default -> new Bad(name);
        };
    }
}
