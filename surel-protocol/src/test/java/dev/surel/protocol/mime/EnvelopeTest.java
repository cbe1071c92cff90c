package dev.surel.protocol.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeTest {

    @ParameterizedTest
    @ValueSource(strings = {"<<<>>> @@", "\"unterminated", "(((", "@", ",,,", "a@", "<>", ";:;:",
        "=?UTF-8?B?####?= <x@y>", "\u00ff\u00fe@\u00e9"})
    void oddAddressListsYieldSomethingAndNeverThrow(String raw) {
        var list = Envelope.addresses(raw);
        assertThat(list).isNotEmpty();
        for (ImapAddress a : list) {
            if (!a.isGroupStart() && !a.isGroupEnd()) {
                assertThat(a.mailbox()).isNotNull();
                assertThat(a.host()).isNotNull();
            }
        }
    }

    @Test
    void addressWithoutDomainGetsMissingDomain() {
        assertThat(Envelope.addresses("postmaster")).containsExactly(
                new ImapAddress(null, null, "postmaster", ImapAddress.MISSING_DOMAIN));
        assertThat(Envelope.addresses("   ")).isEmpty();
        assertThat(Envelope.addresses(null)).isEmpty();
    }

    @Test
    void encodedNameIsAsciiOnTheWire() {
        ImapAddress a = Envelope.addresses("=?UTF-8?Q?J=C3=B6rg?= <j@x.de>").get(0);
        assertThat(a.name()).isEqualTo("Jörg");
        assertThat(a.encodedName()).matches("=\\?(?i:utf-8)\\?[BQ]\\?.+\\?=");
        assertThat(Text.decodeWords(a.encodedName())).isEqualTo("Jörg");
        assertThat(a.address()).isEqualTo("j@x.de");
        assertThat(Envelope.addresses("\"Plain Name\" <p@x.de>").get(0).encodedName()).isEqualTo("Plain Name");
    }

    @Test
    void controlCharactersNeverReachTheEnvelope() {
        HeaderFields h = HeaderFields.parse("Subject: a\u0000b\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(Envelope.of(h).subject()).isEqualTo("a b");
    }
}
