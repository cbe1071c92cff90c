package dev.surel.protocol.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bulk dot-stuffer (dots found eight octets at a time) against the rule of RFC 1939 §3 applied
 * octet by octet: the same output for any bytes cut into any chunks.
 */
class DotStufferTest {

    /** RFC 1939 §3 one octet at a time: a "." at a line start gets another before it. */
    static byte[] reference(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (byte c : message) {
            if (lineStart && c == '.') out.write('.');
            out.write(c);
            lineStart = c == '\n';
        }
        if (!lineStart) out.writeBytes(new byte[] {'\r', '\n'});
        out.writeBytes(new byte[] {'.', '\r', '\n'});
        return out.toByteArray();
    }

    static byte[] stuffed(byte[] message, Random chunks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffer d = new DotStuffer(out);
        int i = 0;
        while (i < message.length) {
            int n = Math.min(message.length - i, chunks.nextInt(4) == 0 ? chunks.nextInt(3) : 1 + chunks.nextInt(40));
            // write from a larger array at an offset, so reads before off or past off + len would show
            byte[] padded = new byte[n + 16];
            java.util.Arrays.fill(padded, (byte) '.');
            System.arraycopy(message, i, padded, 8, n);
            d.write(padded, 8, n);
            i += n;
        }
        d.finish();
        return out.toByteArray();
    }

    @Test
    void sameAsOctetByOctetForRandomTextAndChunks() throws IOException {
        Random r = new Random(16);
        byte[] alphabet = {'.', '.', '.', '\n', '\r', 'a', 'b', ' ', (byte) 0xAE, (byte) 0xFF, 0};
        for (int round = 0; round < 20_000; round++) {
            byte[] m = new byte[r.nextInt(120)];
            for (int k = 0; k < m.length; k++) m[k] = alphabet[r.nextInt(alphabet.length)];
            assertThat(stuffed(m, r)).as("round %d", round).isEqualTo(reference(m));
        }
    }

    @Test
    void wholeMessagesInLargeChunks() throws IOException {
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < 2_000; line++) {
            if (r.nextInt(10) == 0) sb.append('.');
            if (r.nextInt(20) == 0) sb.append("..");
            for (int k = r.nextInt(80); k > 0; k--) sb.append((char) ('a' + r.nextInt(26)));
            if (r.nextInt(5) == 0) sb.append(". end.");
            sb.append("\r\n");
        }
        byte[] m = sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffer d = new DotStuffer(out);
        for (int i = 0; i < m.length; i += 65_536) d.write(m, i, Math.min(65_536, m.length - i));
        d.finish();
        assertThat(out.toByteArray()).isEqualTo(reference(m));
    }

    @Test
    void findsEachDotPosition() {
        for (int len = 0; len <= 40; len++) {
            for (int at = 0; at < len; at++) {
                byte[] b = new byte[len];
                java.util.Arrays.fill(b, (byte) 'x');
                b[at] = '.';
                if (at + 3 < len) b[at + 3] = '.';
                for (int from = 0; from <= at; from++) assertThat(DotStuffer.nextDot(b, from, len)).isEqualTo(at);
                assertThat(DotStuffer.nextDot(b, 0, at)).isEqualTo(-1);
            }
        }
    }
}
