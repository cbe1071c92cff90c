package dev.surel.protocol.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks our boundary scanner against mime4j's own DOM parser on well-formed messages: the
 * same leaves in the same order, with the same media types and the same decoded bytes.
 */
class Mime4jOracleTest {

    private record Leaf(String mimeType, byte[] decoded) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Leaf l && l.mimeType.equals(mimeType) && Arrays.equals(l.decoded, decoded);
        }

        @Override
        public int hashCode() {
            return mimeType.hashCode();
        }

        @Override
        public String toString() {
            return mimeType + ":" + new String(decoded, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void sameLeavesAsMime4j() throws IOException {
        List<String> samples = new ArrayList<>(Samples.all());
        samples.add("Content-Type: multipart/mixed; boundary=x\n\n--x\n\n\n--x\nContent-Type: text/plain\n\n\n\nb\n\n--x--\n");
        for (String sample : samples) {
            byte[] m = Samples.crlf(sample);
            assertThat(ours(m)).as(sample).containsExactlyElementsOf(theirs(m));
        }
        assertThat(theirs(Samples.crlf(Samples.MIXED))).extracting(Leaf::mimeType)
                .containsExactly("text/plain", "application/pdf", "text/plain", "text/html");
    }

    private static List<Leaf> ours(byte[] m) throws IOException {
        MessageStructure s = Samples.parse(m);
        List<Leaf> out = new ArrayList<>();
        for (MessageStructure.Section sec : s.sections()) {
            if (sec.part() instanceof MimePart.Single p) {
                InputStream body = new ByteArrayInputStream(m, (int) p.bodyStart(), (int) p.bodySize());
                ContentFields c = p.content();
                out.add(new Leaf(c.type() + "/" + c.subtype(), PartText.decodeTransfer(body, c.encoding()).readAllBytes()));
            }
        }
        return out;
    }

    private static List<Leaf> theirs(byte[] m) throws IOException {
        DefaultMessageBuilder b = new DefaultMessageBuilder();
        b.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        Message msg = b.parseMessage(new ByteArrayInputStream(m));
        List<Leaf> out = new ArrayList<>();
        collect(msg, out);
        return out;
    }

    private static void collect(Entity e, List<Leaf> out) throws IOException {
        Body body = e.getBody();
        if (body instanceof Multipart mp) {
            for (Entity c : mp.getBodyParts()) {
                collect(c, out);
            }
        } else if (body instanceof Message inner) {
            collect(inner, out);
        } else if (body instanceof SingleBody sb) {
            try (InputStream in = sb.getInputStream()) {
                out.add(new Leaf(e.getMimeType(), in.readAllBytes()));
            }
        }
    }
}
