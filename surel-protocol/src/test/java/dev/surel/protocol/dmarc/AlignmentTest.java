package dev.surel.protocol.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7489 §3.1 identifier alignment and §3.2 organizational domains, as tables. */
class AlignmentTest {

    @ParameterizedTest(name = "{0} vs From {1}: strict {2}, relaxed {3}")
    @CsvSource({
            // authenticated,        From domain,           strict, relaxed
            "example.com,             example.com,           true,   true",   // same
            "EXAMPLE.com.,            example.COM,           true,   true",   // case and trailing dot
            "mail.example.com,        example.com,           false,  true",   // sub of the From domain
            "example.com,             news.example.com,      false,  true",   // parent of the From domain
            "a.example.com,           b.example.com,         false,  true",   // siblings
            "example.net,             example.com,           false,  false",  // unrelated
            "examp1e.com,             example.com,           false,  false",
            "mail.example.co.uk,      example.co.uk,         false,  true",   // two-label public suffix
            "example.co.uk,           other.co.uk,           false,  false",  // same suffix, other organizations
            "co.uk,                   example.co.uk,         false,  false",  // a public suffix is no organization
            "a.b.example.com.au,      example.com.au,        false,  true",
            "x.city.kawasaki.jp,      y.city.kawasaki.jp,    false,  true",   // exception !city.kawasaki.jp: one organization
            "x.kawasaki.jp,           y.kawasaki.jp,         false,  false",  // wildcard *.kawasaki.jp: each is a suffix
            "alice.github.io,         bob.github.io,         false,  false",  // private section of the list
            "www.alice.github.io,     alice.github.io,       false,  true",
            "example.com,             '',                    false,  false",
            "mail.bank.example,       bank.example,          false,  true",   // TLD not in the list: default rule *
            "a.bank.example,          b.bank.example,        false,  true",
            "bank.example,            shop.example,          false,  false",
    })
    void alignment(String authenticated, String from, boolean strict, boolean relaxed) {
        assertThat(Alignment.STRICT.aligned(authenticated, from)).isEqualTo(strict);
        assertThat(Alignment.RELAXED.aligned(authenticated, from)).isEqualTo(relaxed);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "example.com,              example.com",
            "mail.example.com,         example.com",
            "a.b.c.example.com,        example.com",
            "Mail.Example.CO.UK.,      example.co.uk",
            "example.co.uk,            example.co.uk",
            "co.uk,                    co.uk",
            "city.kawasaki.jp,         city.kawasaki.jp",   // !city.kawasaki.jp exception: registrable
            "www.city.kawasaki.jp,     city.kawasaki.jp",
            "foo.bar.kawasaki.jp,      foo.bar.kawasaki.jp", // *.kawasaki.jp: bar.kawasaki.jp is a suffix
            "xn--mgbaam7a8h.test,      xn--mgbaam7a8h.test",
            "localhost,                localhost",
            "a.b.bank.example,         bank.example",       // no rule matches: the default rule *
    })
    void organizationalDomain(String domain, String org) {
        assertThat(OrganizationalDomain.of(domain)).isEqualTo(org);
    }
}
