package dev.surel.protocol.managesieve;

import java.util.Optional;

/**
 * Response codes of OK, NO and BYE (RFC 5804 §1.3), written in parentheses after the status
 * word. {@code SASL} and {@code TAG} carry a string.
 */
public record ResponseCode(String atom, Optional<String> argument) {

    public static final ResponseCode AUTH_TOO_WEAK = of("AUTH-TOO-WEAK");
    public static final ResponseCode ENCRYPT_NEEDED = of("ENCRYPT-NEEDED");
    public static final ResponseCode QUOTA = of("QUOTA");
    public static final ResponseCode QUOTA_MAXSCRIPTS = of("QUOTA/MAXSCRIPTS");
    public static final ResponseCode QUOTA_MAXSIZE = of("QUOTA/MAXSIZE");
    public static final ResponseCode TRANSITION_NEEDED = of("TRANSITION-NEEDED");
    public static final ResponseCode TRYLATER = of("TRYLATER");
    public static final ResponseCode ACTIVE = of("ACTIVE");
    public static final ResponseCode NONEXISTENT = of("NONEXISTENT");
    public static final ResponseCode ALREADYEXISTS = of("ALREADYEXISTS");
    public static final ResponseCode WARNINGS = of("WARNINGS");

    private static ResponseCode of(String atom) {
        return new ResponseCode(atom, Optional.empty());
    }

    /** {@code (SASL "...")}: the server's last SASL data with a successful AUTHENTICATE (§2.1). */
    public static ResponseCode sasl(String base64) {
        return new ResponseCode("SASL", Optional.of(base64));
    }

    /** {@code (TAG "...")}: NOOP's tag echoed (§2.13). */
    public static ResponseCode tag(String tag) {
        return new ResponseCode("TAG", Optional.of(tag));
    }
}
