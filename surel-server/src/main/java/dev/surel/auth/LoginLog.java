package dev.surel.auth;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per login attempt, the same shape for every protocol, for administrators and
 * for tools such as fail2ban:
 *
 * <pre>
 * login ok: protocol=imap mechanism=PLAIN user="alice@example.com" ip=192.0.2.7
 * login failed: protocol=smtp mechanism=SCRAM-SHA-256 user="alice@example.com" ip=192.0.2.7 reason="invalid credentials"
 * login refused: protocol=pop3 mechanism=user-pass user="alice@example.com" ip=192.0.2.7 reason="too many failed logins from this IP" retry_after=840s
 * </pre>
 *
 * {@code mechanism} is the SASL mechanism, or {@code login-command} (IMAP LOGIN) or
 * {@code user-pass} (POP3 USER/PASS). {@code user} is the login as the client sent it (unknown
 * logins too), quoted, with quotes, backslashes and control characters escaped and at most 128
 * characters, so a client cannot forge log lines; {@code -} when the client sent none. Never a
 * password. Successes and failures at INFO, refusals by the throttle at WARN.
 */
final class LoginLog {
    private static final Logger log = LoggerFactory.getLogger("dev.surel.auth.login");
    static final int MAX_USER = 128;

    private LoginLog() {
    }

    static void ok(LoginPeer peer, String mechanism, String user) {
        pairs(log.atInfo(), "ok", peer, mechanism, user).log("login ok: {}", fields(peer, mechanism, user));
    }

    static void failed(LoginPeer peer, String mechanism, String user, String reason) {
        pairs(log.atInfo(), "failed", peer, mechanism, user).addKeyValue("reason", reason)
                .log("login failed: {} reason={}", fields(peer, mechanism, user), quote(reason));
    }

    static void refused(LoginPeer peer, String mechanism, String user, String reason, Duration retryAfter) {
        long seconds = Math.max(0, retryAfter.toSeconds());
        pairs(log.atWarn(), "refused", peer, mechanism, user).addKeyValue("reason", reason).addKeyValue("retry_after", seconds)
                .log("login refused: {} reason={} retry_after={}s", fields(peer, mechanism, user), quote(reason), seconds);
    }

    /**
     * The same facts as key-value pairs (the JSON log's kvpList, where the encoder escapes them):
     * the user unquoted, cut at 128 characters, absent when none was sent.
     */
    private static LoggingEventBuilder pairs(LoggingEventBuilder e, String result, LoginPeer peer, String mechanism, String user) {
        e = e.addKeyValue("login", result).addKeyValue("protocol", peer.protocol()).addKeyValue("mechanism", mechanism);
        if (user != null) e = e.addKeyValue("user", user.length() > MAX_USER ? user.substring(0, MAX_USER) + "..." : user);
        return e.addKeyValue("ip", peer.ip().getHostAddress());
    }

    private static String fields(LoginPeer peer, String mechanism, String user) {
        return "protocol=" + peer.protocol() + " mechanism=" + mechanism + " user=" + (user == null ? "-" : quote(user))
                + " ip=" + peer.ip().getHostAddress();
    }

    /** A double-quoted value: {@code "} and {@code \} escaped, control characters as {@code \}{@code uNNNN}, cut at 128 chars. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_USER) + 2).append('"');
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (n++ == MAX_USER) {
                b.append("...");
                break;
            }
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                b.append(String.format("\\u%04x", (int) c));
            } else b.append(c);
        }
        return b.append('"').toString();
    }
}
