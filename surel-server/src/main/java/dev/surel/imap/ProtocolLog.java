package dev.surel.imap;

import dev.surel.protocol.imap.ImapInput;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-session protocol log: at DEBUG on the logger {@value #NAME}, one line per client
 * command, {@code <connection id> C: <first line of the command>} (literal contents are never
 * logged, only their announcements). Arguments of LOGIN and AUTHENTICATE are replaced by
 * {@code ***}: a password never reaches the log. Non-printable bytes are shown as {@code ?}.
 * Off unless that logger is set to DEBUG.
 */
final class ProtocolLog {

    static final String NAME = "dev.surel.imap.protocol";
    private static final Logger log = LoggerFactory.getLogger(NAME);
    private static final int MAX = 500;

    private ProtocolLog() {
    }

    static void command(String connectionId, ImapInput input) {
        if (!log.isDebugEnabled() || input.lines().isEmpty()) {
            return;
        }
        log.debug("{} C: {}", connectionId, redact(input.lines().getFirst()));
    }

    /** The first line as printable text, with the arguments of LOGIN and AUTHENTICATE hidden. */
    static String redact(byte[] line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length && sb.length() < MAX; i++) {
            int c = line[i] & 0xff;
            if (c == '\r' || c == '\n') {
                break;
            }
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        String s = sb.toString();
        String[] words = s.split(" ", 3);
        if (words.length == 3) {
            String cmd = words[1].toUpperCase(Locale.ROOT);
            if (cmd.equals("LOGIN") || cmd.equals("AUTHENTICATE")) {
                String keep = cmd.equals("AUTHENTICATE") ? " " + words[2].split(" ", 2)[0] : "";
                return words[0] + " " + words[1] + keep + " ***";
            }
        }
        return new String(s.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
    }
}
