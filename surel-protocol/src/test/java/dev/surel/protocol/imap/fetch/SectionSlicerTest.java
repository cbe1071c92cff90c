package dev.surel.protocol.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.protocol.imap.BodySection;
import dev.surel.protocol.imap.BodySection.Kind;
import dev.surel.protocol.mime.ByteRange;
import dev.surel.protocol.mime.MessageStructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BODY[section]&lt;partial&gt; resolution (RFC 9051 §6.4.5) for every {@link Kind}. */
class SectionSlicerTest {

    static final byte[] NESTED = Wire.crlf(BodyStructureValueTest.NESTED);
    static final byte[] SINGLE = Wire.crlf("Subject: s\nX-A: 1\n\nline one\nline two\n");

    private static String send(byte[] msg, BodySection sec) throws IOException {
        MessageStructure s = Wire.parse(msg);
        SectionSlice slice = SectionSlicer.slice(s, sec, r -> Arrays.copyOfRange(msg, (int) r.start(), (int) r.end()));
        return switch (slice) {
            case SectionSlice.Stored st -> new String(msg, (int) st.range().start(), (int) st.range().length(), StandardCharsets.UTF_8);
            case SectionSlice.Computed c -> new String(c.bytes(), StandardCharsets.UTF_8);
            case SectionSlice.Missing m -> null;
        };
    }

    private static BodySection sec(Kind k, Integer... path) {
        return new BodySection(List.of(path), k, List.of(), null);
    }

    private static BodySection fields(Kind k, List<String> names, Integer... path) {
        return new BodySection(List.of(path), k, names, null);
    }

    @Test
    void wholeHeaderAndText() throws IOException {
        assertThat(send(SINGLE, BodySection.whole())).isEqualTo(new String(SINGLE, StandardCharsets.UTF_8));
        assertThat(send(SINGLE, sec(Kind.HEADER))).isEqualTo("Subject: s\r\nX-A: 1\r\n\r\n");
        assertThat(send(SINGLE, sec(Kind.TEXT))).isEqualTo("line one\r\nline two\r\n");
    }

    /** A non-multipart message: part 1 is its body, 1.MIME its header (RFC 9051 §6.4.5). */
    @Test
    void nonMultipartPartOneAndItsMime() throws IOException {
        assertThat(send(SINGLE, sec(Kind.CONTENT, 1))).isEqualTo("line one\r\nline two\r\n");
        assertThat(send(SINGLE, sec(Kind.MIME, 1))).isEqualTo("Subject: s\r\nX-A: 1\r\n\r\n");
        assertThat(send(SINGLE, sec(Kind.CONTENT, 2))).isNull();
        assertThat(send(SINGLE, sec(Kind.HEADER, 1))).isNull(); // part 1 is not message/rfc822
    }

    @Test
    void multipartPartsAndMime() throws IOException {
        assertThat(send(NESTED, sec(Kind.CONTENT, 1))).isEqualTo("Grüße");
        assertThat(send(NESTED, sec(Kind.MIME, 2))).startsWith("Content-Type: application/pdf").endsWith("<id1@x>\r\n\r\n");
        assertThat(send(NESTED, sec(Kind.CONTENT, 2))).isEqualTo("QUJD");
        assertThat(send(NESTED, sec(Kind.CONTENT, 4))).isNull();
    }

    /** Nested message/rfc822: 3.HEADER, 3.TEXT, 3.1 (its first part), 3.2.MIME, 3.HEADER.FIELDS. */
    @Test
    void nestedMessage() throws IOException {
        assertThat(send(NESTED, sec(Kind.HEADER, 3)))
                .isEqualTo("From: inner@x.y\r\nSubject: inner\r\nContent-Type: multipart/alternative; boundary=YY\r\n\r\n");
        assertThat(send(NESTED, sec(Kind.TEXT, 3))).startsWith("--YY\r\n").endsWith("--YY--");
        assertThat(send(NESTED, sec(Kind.CONTENT, 3))).startsWith("From: inner@x.y").endsWith("--YY--");
        assertThat(send(NESTED, sec(Kind.CONTENT, 3, 1))).isEqualTo("plain");
        assertThat(send(NESTED, sec(Kind.CONTENT, 3, 2))).isEqualTo("<b>html</b>");
        assertThat(send(NESTED, sec(Kind.MIME, 3, 2))).isEqualTo("Content-Type: text/html; charset=us-ascii\r\n\r\n");
        assertThat(send(NESTED, fields(Kind.HEADER_FIELDS, List.of("subject"), 3))).isEqualTo("Subject: inner\r\n\r\n");
        assertThat(send(NESTED, fields(Kind.HEADER_FIELDS_NOT, List.of("SUBJECT", "content-type"), 3)))
                .isEqualTo("From: inner@x.y\r\n\r\n");
        assertThat(send(NESTED, fields(Kind.HEADER_FIELDS, List.of("subject"), 1))).isNull();
    }

    /** HEADER.FIELDS keeps message order and the blank line; no match gives just the blank line. */
    @Test
    void headerFieldsSubsets() throws IOException {
        assertThat(send(SINGLE, fields(Kind.HEADER_FIELDS, List.of("x-a", "Subject")))).isEqualTo("Subject: s\r\nX-A: 1\r\n\r\n");
        assertThat(send(SINGLE, fields(Kind.HEADER_FIELDS, List.of("Nope")))).isEqualTo("\r\n");
        assertThat(send(SINGLE, fields(Kind.HEADER_FIELDS_NOT, List.of("subject")))).isEqualTo("X-A: 1\r\n\r\n");
    }

    @Test
    void partialOnStoredAndComputed() throws IOException {
        MessageStructure s = Wire.parse(SINGLE);
        BodySection text = new BodySection(List.of(), Kind.TEXT, List.of(), new BodySection.Partial(5, 3));
        assertThat(SectionSlicer.slice(s, text, SectionSlicer.NO_READER)).isEqualTo(new SectionSlice.Stored(new ByteRange(27, 30)));
        assertThat(send(SINGLE, text)).isEqualTo("one");
        BodySection beyond = new BodySection(List.of(), Kind.TEXT, List.of(), new BodySection.Partial(1000, 10));
        assertThat(SectionSlicer.slice(s, beyond, SectionSlicer.NO_READER).length()).isZero();
        BodySection longCount = new BodySection(List.of(), Kind.HEADER, List.of(), new BodySection.Partial(0, 1_000_000));
        assertThat(send(SINGLE, longCount)).isEqualTo("Subject: s\r\nX-A: 1\r\n\r\n");
        BodySection f = new BodySection(List.of(), Kind.HEADER_FIELDS, List.of("X-A"), new BodySection.Partial(2, 100));
        assertThat(send(SINGLE, f)).isEqualTo("A: 1\r\n\r\n");
        BodySection fBeyond = new BodySection(List.of(), Kind.HEADER_FIELDS, List.of("X-A"), new BodySection.Partial(99, 1));
        assertThat(SectionSlicer.slice(s, fBeyond, SectionSlicer.NO_READER)).isEqualTo(new SectionSlice.Computed(new byte[0]));
        BodySection missing = new BodySection(List.of(9), Kind.CONTENT, List.of(), new BodySection.Partial(0, 1));
        assertThat(SectionSlicer.slice(s, missing, SectionSlicer.NO_READER)).isInstanceOf(SectionSlice.Missing.class);
    }

    @Test
    void nestedFieldsNeedTheReader() {
        MessageStructure s = Wire.parse(NESTED);
        assertThatThrownBy(() -> SectionSlicer.slice(s, fields(Kind.HEADER_FIELDS, List.of("subject"), 3), SectionSlicer.NO_READER))
                .isInstanceOf(IOException.class);
    }
}
