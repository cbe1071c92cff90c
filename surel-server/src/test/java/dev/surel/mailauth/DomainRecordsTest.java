package dev.surel.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainRecordsTest {

    static final Map<Endpoint, Integer> STANDARD = Map.of(Endpoint.SMTP, 25, Endpoint.SUBMISSION, 587, Endpoint.SUBMISSIONS, 465,
            Endpoint.IMAPS, 993, Endpoint.POP3S, 995);

    static List<String> lines(DomainRecords d) {
        return d.records().stream().map(PublishedRecord::zoneLine).toList();
    }

    @Test
    void printsEveryRecordADomainNeeds() {
        DomainRecords d = new DomainRecords("Example.COM", "mail.example.com.", STANDARD,
                List.of(new DomainRecords.DkimTxt("s1", "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", "active")));
        assertThat(lines(d)).contains(
                "example.com. 3600 IN MX 10 mail.example.com.",
                "example.com. 3600 IN TXT \"v=spf1 mx -all\"",
                "mail.example.com. 3600 IN TXT \"v=spf1 a -all\"",
                "s1._domainkey.example.com. 3600 IN TXT \"v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"",
                "_dmarc.example.com. 3600 IN TXT \"v=DMARC1; p=quarantine; adkim=r; aspf=r; rua=mailto:postmaster@example.com\"",
                "_smtp._tls.example.com. 3600 IN TXT \"v=TLSRPTv1; rua=mailto:postmaster@example.com\"",
                "mta-sts.example.com. 3600 IN CNAME mail.example.com.",
                // RFC 8314 §5.1: implicit TLS preferred; RFC 6186 §4: "." for what is not offered
                "_submissions._tcp.example.com. 3600 IN SRV 0 1 465 mail.example.com.",
                "_submission._tcp.example.com. 3600 IN SRV 10 1 587 mail.example.com.",
                "_imaps._tcp.example.com. 3600 IN SRV 0 1 993 mail.example.com.",
                "_imap._tcp.example.com. 3600 IN SRV 0 0 0 .",
                "_pop3s._tcp.example.com. 3600 IN SRV 20 1 995 mail.example.com.",
                "_pop3._tcp.example.com. 3600 IN SRV 0 0 0 .",
                "autoconfig.example.com. 3600 IN CNAME mail.example.com.",
                "autodiscover.example.com. 3600 IN CNAME mail.example.com.");
        assertThat(lines(d)).anyMatch(l -> l.matches("_mta-sts\\.example\\.com\\. 3600 IN TXT \"v=STSv1; id=[0-9a-f]{20}\""));
        assertThat(lines(d).getFirst()).startsWith("; mail.example.com. 3600 IN A ");
    }

    /** RFC 5804 §1.8: the ManageSieve SRV record when the listener is on, none otherwise. */
    @Test
    void manageSieveHasItsSrvRecordWhenItListens() {
        assertThat(lines(new DomainRecords("example.com", "mail.example.com", STANDARD, List.of()))).noneMatch(l -> l.contains("_sieve"));
        java.util.Map<Endpoint, Integer> ports = new java.util.HashMap<>(STANDARD);
        ports.put(Endpoint.MANAGESIEVE, 4190);
        assertThat(lines(new DomainRecords("example.com", "mail.example.com", ports, List.of())))
                .contains("_sieve._tcp.example.com. 3600 IN SRV 0 1 4190 mail.example.com.");
    }

    @Test
    void longTextIsSplitIntoStringsOf255Octets() {
        String key = "v=DKIM1; k=rsa; p=" + "A".repeat(392); // a 2048-bit RSA key's record is about 410 octets
        String line = new PublishedRecord(PublishedRecord.Kind.DKIM, "s._domainkey.example.com", "TXT", key, "").zoneLine();
        String rdata = line.substring(line.indexOf("TXT ") + 4);
        assertThat(rdata).isEqualTo("\"" + key.substring(0, 255) + "\" \"" + key.substring(255) + "\"");
    }

    @Test
    void theMtaStsIdChangesExactlyWhenThePolicyDoes() {
        DomainRecords a = new DomainRecords("example.com", "mail.example.com", STANDARD, List.of());
        assertThat(a.mtaStsId()).isEqualTo(new DomainRecords("example.com", "mail.example.com", Map.of(), List.of()).mtaStsId())
                .isNotEqualTo(new DomainRecords("example.com", "mx2.example.com", STANDARD, List.of()).mtaStsId());
        assertThat(a.mtaStsPolicy()).isEqualTo("version: STSv1\r\nmode: testing\r\nmx: mail.example.com\r\nmax_age: 604800\r\n");
    }
}
