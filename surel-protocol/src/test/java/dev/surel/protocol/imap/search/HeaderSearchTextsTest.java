package dev.surel.protocol.imap.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.imap.SearchKey.HeaderKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The prepared SUBJECT/FROM/TO/CC/BCC texts give the same SEARCH answers as the header they come
 * from (RFC 9051 §6.4.4), over varied headers: RFC 2047 words, raw UTF-8 and Latin-1, folded lines,
 * several fields of one name, groups, comments, missing fields; and the encoded form refuses
 * corrupt input.
 */
class HeaderSearchTextsTest {

    static final List<String> HEADERS = List.of(
            "Subject: bench 42\nFrom: Bench Load <load@bench.test>\nTo: fetch@bench.test\n",
            "Subject: =?UTF-8?Q?Caf=C3=A9_cr=C3=A8me?=\nFrom: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <jm@example.org>\n"
                    + "Cc: \"Doe, Jane\" <jane@example.org>, bob@example.org (Bob Smith)\n",
            "Subject: Grüße aus Köln\nFrom: José Pérez <jose@example.es>\nTo: Straße <strasse@example.de>\n",
            "Subject: a folded\n  subject line\n\tover three\nTo: one@example.org,\n two@example.org,\n Three <three@example.org>\n",
            "Subject: first\nSubject: second =?utf-8?b?w5xiZXI=?=\nBcc: undisclosed-recipients:;\nBcc: hidden@example.org\n",
            "From: team: a@example.org, B <b@example.org>;\nX-Other: Subject: not a subject\n",
            "Subject:\nFrom:\nTo: (only a comment)\n",
            "Subject: =?broken?x?nonsense?= and =?UTF-8?Q?ok?=\nFrom: <@route,@relay:user@example.org>\n",
            "X-Nothing: the fields searched are missing\n");

    static final List<String> NEEDLES = List.of("", "bench", "BENCH", "load@bench", "café", "CRÈME", "jörg", "müller",
            "jane", "doe, jane", "Bob Smith", "grüsse", "GRÜSSE", "köln", "josé", "strasse", "STRASSE", "folded subject",
            "subject line over", "two@", "<three@example.org>", "first", "über", "team", "b <b@", "hidden",
            "undisclosed", "comment", "ok", "nonsense", "user@example.org", "not a subject", "x");

    @Test
    void sameAnswersAsTheHeader() throws IOException {
        int compared = 0;
        int matched = 0;
        for (String h : HEADERS) {
            SearchEvaluatorTest.Msg plain = new SearchEvaluatorTest.Msg(h + "\nbody\n");
            HeaderSearchTexts stored = HeaderSearchTexts.decode(HeaderSearchTexts.of(plain.structure.header()).encode());
            SearchEvaluatorTest.Msg prepared = new Prepared(h + "\nbody\n", stored);
            for (HeaderKind k : HeaderKind.values()) {
                for (String n : NEEDLES) {
                    SearchKey key = new SearchKey.AddressOrSubject(k, n);
                    boolean want = new SearchEvaluator(1, 10).matches(key, plain);
                    boolean got = new SearchEvaluator(1, 10).matches(key, prepared);
                    assertThat(got).as("%s \"%s\" in %s", k, n, h).isEqualTo(want);
                    compared++;
                    if (want) matched++;
                }
            }
            assertThat(prepared.headerReads).as("the prepared texts answer without the header: " + h).isZero();
        }
        assertThat(compared).isEqualTo(HEADERS.size() * HeaderKind.values().length * NEEDLES.size());
        assertThat(matched).as("the table exercises matches, not only misses").isGreaterThan(40);
    }

    @Test
    void foldedDecodedTextsPerField() throws IOException {
        SearchEvaluatorTest.Msg m = new SearchEvaluatorTest.Msg(HEADERS.get(4) + "\nbody\n");
        HeaderSearchTexts t = HeaderSearchTexts.of(m.structure.header());
        assertThat(t.of(HeaderKind.SUBJECT)).containsExactly("first", "second über");
        assertThat(t.of(HeaderKind.FROM)).isEmpty();
        assertThat(t.of(HeaderKind.BCC)).hasSize(2);
    }

    @Test
    void corruptFormsAreRefused() {
        byte[] good = HeaderSearchTexts.of(new SearchEvaluatorTest.Msg(HEADERS.get(1) + "\nb\n").structure.header()).encode();
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);
        bad.add(Arrays.copyOf(good, good.length - 1));
        bad.add(Arrays.copyOf(good, good.length + 1));
        byte[] version = good.clone();
        version[0] = 99;
        bad.add(version);
        byte[] huge = good.clone();
        huge[1] = 0x7f; // the first count: about 2^31
        bad.add(huge);
        byte[] negative = good.clone();
        negative[1] = (byte) 0xff;
        bad.add(negative);
        for (byte[] b : bad) {
            assertThatThrownBy(() -> HeaderSearchTexts.decode(b)).isInstanceOf(IOException.class);
        }
    }

    /** The same message with prepared texts, as the store gives them. */
    static final class Prepared extends SearchEvaluatorTest.Msg {
        final HeaderSearchTexts texts;

        Prepared(String text, HeaderSearchTexts texts) {
            super(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
            this.texts = texts;
        }

        @Override
        public HeaderSearchTexts searchTexts() {
            return texts;
        }
    }
}
