package dev.surel.store.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrlfOutputStreamTest {

    @ParameterizedTest
    @CsvSource({
            "'a\\nb', 'a\\r\\nb'",
            "'a\\rb', 'a\\r\\nb'",
            "'a\\r\\nb', 'a\\r\\nb'",
            "'a\\n\\rb', 'a\\r\\n\\r\\nb'",
            "'a\\r', 'a\\r\\n'",
            "'\\r\\r\\n', '\\r\\n\\r\\n'",
            "'', ''",
    })
    void canonicalisesLineEndings(String in, String expected) throws IOException {
        String input = unescape(in);
        // every split point: the CR state must survive write boundaries
        for (int split = 0; split <= input.length(); split++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CrlfOutputStream crlf = new CrlfOutputStream(out);
            byte[] b = input.getBytes(StandardCharsets.ISO_8859_1);
            crlf.write(b, 0, split);
            crlf.write(b, split, b.length - split);
            crlf.finish();
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(unescape(expected));
            assertThat(crlf.count()).isEqualTo(unescape(expected).length());
        }
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}
