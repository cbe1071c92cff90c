package dev.surel.protocol.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParametersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "; filename=plain.txt | plain.txt",
        "; filename=\"quoted \\\"name\\\".txt\" | quoted \"name\".txt",
        "; filename*=utf-8'en'%E2%82%AC%20rates.txt | € rates.txt",
        "; filename*=iso-8859-1''Gr%FC%DFe.txt | Grüße.txt",
        "; filename*0=\"long \"; filename*1=name.txt | long name.txt",
        "; filename*1*=%C3%A9.pdf; filename*0*=utf-8''R%C3%A9sum | Résumé.pdf",
        "; filename=\"=?UTF-8?B?w6kudHh0?=\" | é.txt",
        "; (comment) filename = x.txt (trailing) | x.txt",
        "; filename*=unknown-cs''%41%42 | AB",
    })
    void decodesFileNames(String raw, String expected) {
        assertThat(Parameters.parse(raw, 0).get("filename")).isEqualTo(expected);
    }

    @Test
    void keepsRawParametersInOrderAndSkipsJunk() {
        Parameters p = Parameters.parse("; a=1; junk; b=\"2;3\" ;; c=", 0);
        assertThat(p.list()).containsExactly(new MimeParameter("a", "1"), new MimeParameter("b", "2;3"),
                new MimeParameter("c", ""));
        assertThat(p.get("missing")).isNull();
    }

    @Test
    void unterminatedQuoteNeverThrows() {
        assertThat(Parameters.parse("; a=\"open; b=2", 0).raw("a")).isEqualTo("open; b=2");
        assertThat(Parameters.parse("; x*=%", 0).get("x")).isEqualTo("%");
    }
}
