package dev.surel.transfer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The source of {@code surel import --imap}: {@code imaps://LOGIN@HOST[:PORT]} (TLS from the
 * first byte, RFC 8314 §3.3; port 993) or {@code imap://LOGIN@HOST[:PORT]} (STARTTLS, RFC 9051
 * §6.2.1, required: the password never goes in clear; port 143). The login is everything before
 * the last "@", percent-decoded ({@code alice@example.com@mail.example.com} works as written);
 * an IPv6 host goes in brackets.
 */
public record ImapUrl(boolean implicitTls, String login, String host, int port) {

    public static ImapUrl parse(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        boolean tls;
        String rest;
        if (lower.startsWith("imaps://")) {
            tls = true;
            rest = url.substring(8);
        } else if (lower.startsWith("imap://")) {
            tls = false;
            rest = url.substring(7);
        } else {
            throw new IllegalArgumentException("--imap wants imaps://LOGIN@HOST[:PORT] or imap://LOGIN@HOST[:PORT] (STARTTLS), not " + url);
        }
        if (rest.endsWith("/")) rest = rest.substring(0, rest.length() - 1);
        int at = rest.lastIndexOf('@');
        if (at <= 0) throw new IllegalArgumentException("--imap needs the login: imaps://LOGIN@HOST, e.g. imaps://alice%40example.com@mail.example.com");
        String login = URLDecoder.decode(rest.substring(0, at).replace("+", "%2B"), StandardCharsets.UTF_8);
        String hostPort = rest.substring(at + 1);
        String host;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("unclosed [ in the host of " + url);
            host = hostPort.substring(1, close);
            if (close + 1 < hostPort.length()) {
                if (hostPort.charAt(close + 1) != ':') throw new IllegalArgumentException("bad host in " + url);
                port = hostPort.substring(close + 2);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            if (colon >= 0) port = hostPort.substring(colon + 1);
        }
        if (host.isEmpty() || host.contains("/")) throw new IllegalArgumentException("bad host in " + url);
        int p = tls ? 993 : 143;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in " + url);
            }
            if (p < 1 || p > 65535) throw new IllegalArgumentException("bad port in " + url);
        }
        return new ImapUrl(tls, login, host, p);
    }

    @Override
    public String toString() {
        return (implicitTls ? "imaps://" : "imap://") + login + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
