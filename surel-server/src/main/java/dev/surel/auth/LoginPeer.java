package dev.surel.auth;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Who is attempting a login, for the throttle and the login log: the protocol of the session
 * ({@code "imap"}, {@code "pop3"}, {@code "smtp"}) and the client's address.
 */
public record LoginPeer(String protocol, InetAddress ip) {
    public LoginPeer {
        Objects.requireNonNull(protocol);
        Objects.requireNonNull(ip);
    }
}
