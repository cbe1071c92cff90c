package dev.surel.protocol.mime;

import static dev.surel.protocol.mime.Samples.crlf;
import static dev.surel.protocol.mime.Samples.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartTextTest {

    private static String text(String headers, byte[] body) throws Exception {
        byte[] h = crlf(headers + "\n\n");
        ContentFields c = ContentFields.of(HeaderFields.parse(h), false);
        return PartText.text(new ByteArrayInputStream(body), c, 10_000);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void decodesTransferEncodingsAndCharsets() throws Exception {
        assertThat(text("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64",
                ascii("R3LDvMOfZQ==\r\n"))).isEqualTo("Grüße");
        assertThat(text("Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: Quoted-Printable",
                ascii("Gr=FC=DFe, soft=\r\nbreak"))).isEqualTo("Grüße, softbreak");
        assertThat(text("Content-Type: text/plain; charset=windows-1252", new byte[] {(byte) 0x80, 'x'}))
                .isEqualTo("€x");
        assertThat(text("Content-Type: text/plain; charset=koi8-r", new byte[] {(byte) 0xc1}))
                .isEqualTo("а");
    }

    @Test
    void unknownCharsetAndBadBytesFallBackToUtf8WithReplacement() throws Exception {
        assertThat(text("Content-Type: text/plain; charset=x-nonsense", "héllo".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("héllo");
        assertThat(text("Content-Type: text/plain; charset=us-ascii", new byte[] {'a', (byte) 0xff, 'b'}))
                .isEqualTo("a\uFFFDb");
        assertThat(text("", "naïve".getBytes(StandardCharsets.UTF_8))).isEqualTo("naïve");
    }

    @Test
    void badBase64NeverThrows() throws Exception {
        String t = text("Content-Transfer-Encoding: base64", ascii("!!!! R3L*DvM@Of ZQ = = =\r\n===="));
        assertThat(t).isNotNull();
    }

    @Test
    void htmlIsReducedToText() throws Exception {
        assertThat(text("Content-Type: text/html",
                ascii("<html><head><style>p{x:1}</style><script>alert(1)</script></head>"
                        + "<body><p>Tom &amp; Jerry&nbsp;&#233;&#x41;</p><!-- hidden --></body></html>")))
                .isEqualTo("Tom & Jerry \u00e9A");
    }

    @Test
    void textIsCutAtTheCap() throws Exception {
        ContentFields c = ContentFields.defaults();
        assertThat(PartText.text(new ByteArrayInputStream(ascii("x".repeat(5000))), c, 100)).hasSize(100);
    }

    @Test
    void extractAllReadsTheMessageOnceInSectionOrder() throws Exception {
        byte[] m = crlf(Samples.MIXED);
        MessageStructure s = parse(m);
        List<PartText.Extracted> all = PartText.extractAll(new ByteArrayInputStream(m), s, MimeSettings.defaults());
        assertThat(all).extracting(PartText.Extracted::section).containsExactly("1", "3.HEADER", "3.1", "3.2");
        assertThat(all.get(0).text()).isEqualTo("See attached.\r\n");
        assertThat(all.get(1).text()).contains("Subject: report\n").contains("From: Carol <carol@example.net>");
        assertThat(all.get(2).text()).isEqualTo("numbers inside");
        assertThat(all.get(3).text()).isEqualTo("numbers inside");

        byte[] alt = crlf(Samples.ALTERNATIVE);
        List<PartText.Extracted> a = PartText.extractAll(new ByteArrayInputStream(alt), parse(alt), MimeSettings.defaults());
        assertThat(a.get(1).text()).isEqualTo("Order 42 shipped. Grüße");
    }
}
