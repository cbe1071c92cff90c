package dev.surel.protocol.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    /** Returns at most one byte per read call, so every byte boundary is a buffer refill. */
    private static InputStream trickle(byte[] b) {
        return new ByteArrayInputStream(b) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                return super.read(buf, off, Math.min(len, 1));
            }
        };
    }

    private static List<String> lines(InputStream in, int cap) throws IOException {
        LineReader lr = new LineReader(in, cap);
        List<String> out = new ArrayList<>();
        long expectStart = 0;
        while (lr.next()) {
            assertThat(lr.start).isEqualTo(expectStart);
            expectStart = lr.offset();
            out.add(lr.start + ":" + new String(lr.line, 0, lr.kept, StandardCharsets.ISO_8859_1) + "/"
                    + lr.contentLength + "+" + lr.termLength);
        }
        assertThat(lr.offset()).isEqualTo(expectStart);
        return out;
    }

    @Test
    void tracksOffsetsTerminatorsAndCaps() throws IOException {
        byte[] in = "ab\r\n\r\nc\nlong-line-here\r\nx\ry\n\nlast".getBytes(StandardCharsets.ISO_8859_1);
        List<String> expected = List.of("0:ab/2+2", "4:/0+2", "6:c/1+1", "8:long/14+2", "24:x\ry/3+1", "28:/0+1",
                "29:last/4+0");
        assertThat(lines(new ByteArrayInputStream(in), 4)).isEqualTo(expected);
        assertThat(lines(trickle(in), 4)).isEqualTo(expected);
    }

    @Test
    void crJustBeyondTheCapIsStillPartOfTheTerminator() throws IOException {
        byte[] in = "abcd\r\nabcde\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(lines(trickle(in), 4)).containsExactly("0:abcd/4+2", "6:abcd/5+2");
    }

    @Test
    void pushBackReturnsTheSameLine() throws IOException {
        LineReader lr = new LineReader(new ByteArrayInputStream("a\r\nb\r\n".getBytes(StandardCharsets.US_ASCII)), 10);
        assertThat(lr.next()).isTrue();
        assertThat(lr.next()).isTrue();
        lr.pushBack();
        assertThat(lr.offset()).isEqualTo(3);
        assertThat(lr.consumed()).isEqualTo(1);
        assertThat(lr.next()).isTrue();
        assertThat(lr.line[0]).isEqualTo((byte) 'b');
        assertThat(lr.prevContentLength).isEqualTo(1);
        assertThat(lr.next()).isFalse();
        assertThat(lr.offset()).isEqualTo(6);
    }

    @Test
    void parsingIsIndependentOfHowTheStreamIsChunked() throws IOException {
        Random rnd = new Random(42);
        for (String sample : Samples.all()) {
            byte[] m = Samples.crlf(sample);
            MessageStructure whole = Samples.parse(m);
            MessageStructure trickled = new MimeParser(MimeSettings.defaults()).parse(trickle(m));
            assertThat(trickled).isEqualTo(whole);
            InputStream random = new ByteArrayInputStream(m) {
                @Override
                public synchronized int read(byte[] buf, int off, int len) {
                    return super.read(buf, off, Math.min(len, 1 + rnd.nextInt(7)));
                }
            };
            assertThat(new MimeParser(MimeSettings.defaults()).parse(random)).isEqualTo(whole);
        }
    }
}
