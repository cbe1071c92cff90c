package dev.surel.protocol.pop3;

/**
 * Extended response codes (RFC 2449 §8, RFC 3206 §4-§5, RFC 6856 §2.1), written in brackets
 * right after {@code -ERR}.
 */
public enum ResponseCode {
    /** RFC 2449 §8.1.1: another session holds the maildrop. */
    IN_USE("IN-USE"),
    /** RFC 2449 §8.1.2: logged in too soon after the last login. */
    LOGIN_DELAY("LOGIN-DELAY"),
    /** RFC 3206 §4: a temporary server problem; try again later. */
    SYS_TEMP("SYS/TEMP"),
    /** RFC 3206 §4: a permanent server problem. */
    SYS_PERM("SYS/PERM"),
    /** RFC 3206 §5: a problem with the credentials (or with how they were sent). */
    AUTH("AUTH"),
    /** RFC 6856 §2.1: the user name or password needs UTF8 first. */
    UTF8("UTF8");

    private final String wire;

    ResponseCode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
