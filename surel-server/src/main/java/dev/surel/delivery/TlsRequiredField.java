package dev.surel.delivery;

import dev.surel.protocol.dkim.HeaderField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The {@code TLS-Required: No} header field (RFC 8689 §3, §4.2.2): the sender asks that the
 * recipient domain's TLS policies (MTA-STS, DANE) be ignored for this message, whose delivery
 * matters more than its secrecy. Found by reading the header section of the stored message, at
 * most {@link #MAX_HEADER} octets; a message with REQUIRETLS in its envelope never asks this
 * (the field is then ignored, §3), which the caller checks.
 */
final class TlsRequiredField {

    /** The most header octets read to find the field; a field after them is not seen. */
    static final int MAX_HEADER = 256 * 1024;

    private TlsRequiredField() {
    }

    /** Whether the message has a {@code TLS-Required} field whose value is {@code No} (any case, RFC 8689 §3 ABNF). */
    static boolean saysNo(InputStream message) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(4096);
        byte[] buf = new byte[8192];
        int state = 2; // progress through CRLF CRLF, as after a CRLF: a message may start with its empty line
        boolean end = false;
        while (!end && header.size() < MAX_HEADER) {
            int n = message.read(buf, 0, Math.min(buf.length, MAX_HEADER - header.size()));
            if (n < 0) break;
            int used = n;
            for (int i = 0; i < n; i++) {
                byte c = buf[i];
                state = c == "\r\n\r\n".charAt(state) ? state + 1 : (c == '\r' ? 1 : 0);
                if (state == 4) {
                    used = i + 1;
                    end = true;
                    break;
                }
            }
            header.write(buf, 0, used);
        }
        for (HeaderField f : HeaderField.split(header.toByteArray()).headers()) {
            if (f.name().equalsIgnoreCase("TLS-Required") && f.value().replace("\r\n", "").strip().equalsIgnoreCase("No")) {
                return true;
            }
        }
        return false;
    }
}
