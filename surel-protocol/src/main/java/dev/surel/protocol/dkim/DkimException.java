package dev.surel.protocol.dkim;

/** A DKIM-Signature field or key record that breaks RFC 6376 syntax or semantics (a PERMFAIL, §6.1). */
public final class DkimException extends Exception {
    public DkimException(String message) {
        super(message, null, false, false);
    }
}
