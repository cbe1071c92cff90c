package dev.surel.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.protocol.imap.BodySection;
import dev.surel.protocol.mime.ByteRange;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeParser;
import dev.surel.protocol.mime.MimeSettings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BinaryContent} without a server: which octets and encoding a section-binary names, and the scan. */
class BinaryContentTest {

    static MessageStructure parse(String msg) throws Exception {
        return new MimeParser(MimeSettings.defaults()).parse(new ByteArrayInputStream(msg.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void sourcesOfParts() throws Exception {
        MessageStructure st = parse(ImapBinaryUtf8Test.MULTIPART);
        assertThat(BinaryContent.source(st, List.of())).contains(new BinaryContent.Source(new ByteRange(0, st.size()), "binary"));
        assertThat(BinaryContent.source(st, List.of(1)).orElseThrow().encoding()).isEqualTo("quoted-printable");
        assertThat(BinaryContent.source(st, List.of(2)).orElseThrow().encoding()).isEqualTo("base64");
        assertThat(BinaryContent.source(st, List.of(4)).orElseThrow().encoding()).isEqualTo("binary"); // message/rfc822: as stored
        assertThat(BinaryContent.source(st, List.of(5))).isEmpty();
        assertThat(BinaryContent.source(st, List.of(2, 1))).isEmpty();
        assertThatThrownBy(() -> BinaryContent.source(st, List.of(3))).isInstanceOf(BinaryContent.UnknownCte.class);
    }

    @Test
    void scanCountsDecodedOctetsAndFindsNulOnlyInsideTheSlice() throws Exception {
        byte[] data = {'a', 0, 'b', 'c'};
        assertThat(BinaryContent.scan(new ByteArrayInputStream(data), 0, Long.MAX_VALUE)).isEqualTo(new BinaryContent.Scan(4, true));
        assertThat(BinaryContent.scan(new ByteArrayInputStream(data), 2, 4)).isEqualTo(new BinaryContent.Scan(4, false));
        assertThat(BinaryContent.scan(new ByteArrayInputStream(data), 0, 0)).isEqualTo(new BinaryContent.Scan(4, false));
        assertThat(BinaryContent.slice(4, new BodySection.Partial(1, 2))).isEqualTo(new ByteRange(1, 3));
        assertThat(BinaryContent.slice(4, new BodySection.Partial(9, 2))).isEqualTo(new ByteRange(4, 4));
        assertThat(BinaryContent.slice(4, null)).isEqualTo(new ByteRange(0, 4));
    }
}
