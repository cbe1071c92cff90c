package dev.surel.net;

import java.io.IOException;

/**
 * A tiny test-only line protocol standing in for SMTP/IMAP/POP3: greeting "OK ready",
 * commands NOOP, STARTTLS, LOGIN u p (subject to the clear-text rule), INFO (TLS state),
 * QUIT; "BAD line too long" on overflow, "BYE idle" on idle timeout, "BYE too slow: ..." past a
 * deadline.
 */
final class LineTestProtocol implements ConnectionHandler {
    private final CleartextPolicy cleartext;

    LineTestProtocol(CleartextPolicy cleartext) {
        this.cleartext = cleartext;
    }

    static final RefusalHandler REFUSE = (c, r) -> c.writeLine("421 4.7.0 too many connections (" + r + ")");

    @Override
    public void handle(Connection c) throws IOException {
        c.writeLine("OK ready");
        c.flush();
        while (true) {
            LineRead read;
            try {
                read = c.readLine();
            } catch (SessionInterrupt e) {
                c.writeLine(switch (e) {
                    case IdleTimeoutException i -> "BYE idle";
                    case DeadlineExceededException d -> "BYE too slow: " + d.getMessage();
                    case ServerStoppingException s -> "BYE server shutting down";
                });
                return;
            }
            switch (read) {
                case LineRead.End e -> { return; }
                case LineRead.TooLong t -> c.writeLine("BAD line too long " + t.length());
                case LineRead.Line l -> {
                    String[] w = l.ascii().split(" ");
                    switch (w[0].toUpperCase(java.util.Locale.ROOT)) {
                        case "NOOP" -> c.writeLine("OK NOOP");
                        case "LIT" -> { // LIT n: n octets follow the line (an IMAP-style literal)
                            int n = Integer.parseInt(w[1]);
                            byte[] small = c.readExact(Math.min(n, 16));
                            var rest = new java.io.ByteArrayOutputStream();
                            c.copyExact(n - small.length, rest);
                            c.writeLine("OK " + n + " " + new String(small, java.nio.charset.StandardCharsets.US_ASCII)
                                    .replace('\r', '.').replace('\n', '.') + " +" + rest.size());
                        }
                        case "FLOOD" -> { // 64 MiB: more than loopback socket buffers hold
                            byte[] chunk = new byte[1 << 16];
                            for (int i = 0; i < 1024; i++) {
                                c.write(chunk);
                            }
                        }
                        case "STARTTLS" -> {
                            if (!c.canStartTls()) {
                                c.writeLine("BAD no TLS");
                            } else {
                                c.writeLine("OK begin TLS");
                                c.startTls();
                                continue;
                            }
                        }
                        case "LOGIN" -> c.writeLine(cleartext.allowsCleartext(c) ? "OK logged in" : "NO cleartext login refused");
                        case "INFO" -> c.writeLine("OK " + c.tlsInfo().map(i -> i.protocol() + " sni=" + i.sniHostName()).orElse("plain"));
                        case "QUIT" -> {
                            c.writeLine("BYE");
                            return;
                        }
                        default -> c.writeLine("BAD unknown command");
                    }
                }
            }
            c.flush();
        }
    }
}
