package dev.surel.protocol.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 6376 §3.2, §3.5 and §3.6.1 parsing. */
class DkimSignatureTest {

    static final String GOOD = " v=1; a=rsa-sha256; c=relaxed/simple;\r\n d=Example.COM; s=sel;\r\n\th=From : To; zz=unknown;"
            + " bh=AAAA; b=AA\r\n AA; l=12; t=100; x=200; i=joe@mail.example.com";

    @Test
    void parsesTagsThroughFoldingAndIgnoresUnknownTags() throws DkimException {
        DkimSignature s = DkimSignature.parse(GOOD);
        assertThat(s.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
        assertThat(s.headerCanon()).isEqualTo(Canonicalization.RELAXED);
        assertThat(s.bodyCanon()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(s.domain()).isEqualTo("example.com");
        assertThat(s.signedHeaders()).containsExactly("From", "To");
        assertThat(s.signature()).hasSize(3);
        assertThat(s.bodyLength()).hasValue(12);
        assertThat(s.identity()).isEqualTo("joe@mail.example.com");
    }

    @Test
    void defaultsAreSimpleAndAtDomain() throws DkimException {
        DkimSignature s = DkimSignature.parse("v=1; a=ed25519-sha256; d=example.com; s=x; h=from; bh=AAAA; b=AAAA;");
        assertThat(s.headerCanon()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(s.bodyCanon()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(s.identity()).isEqualTo("@example.com");
    }

    @Test
    void refusesMissingRequiredTags() {
        for (String tag : new String[] {"v", "a", "b", "bh", "d", "h", "s"}) {
            String value = "v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=AAAA; b=AAAA"
                    .replaceFirst("(^|; )" + tag + "=[^;]*", "$1zz=1");
            assertThatThrownBy(() -> DkimSignature.parse(value)).as(tag).isInstanceOf(DkimException.class)
                    .hasMessageContaining("missing required tag " + tag + "=");
        }
    }

    @Test
    void refusesBadValues() {
        String base = "v=1; a=rsa-sha256; d=example.com; s=x; bh=AAAA; b=AAAA; ";
        assertThatThrownBy(() -> DkimSignature.parse(base + "h=from; i=joe@example.net")).hasMessageContaining("not within");
        assertThatThrownBy(() -> DkimSignature.parse(base + "h=from; i=joe@badexample.com")).hasMessageContaining("not within");
        assertThatThrownBy(() -> DkimSignature.parse(base + "h=to:subject")).hasMessageContaining("From is not signed");
        assertThatThrownBy(() -> DkimSignature.parse(base + "h=from; h=to")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> DkimSignature.parse(base + "h=from; l=-1")).hasMessageContaining("bad number");
        assertThatThrownBy(() -> DkimSignature.parse(base + "h=from; t=10; x=5")).hasMessageContaining("x= is before t=");
        assertThatThrownBy(() -> DkimSignature.parse(base + "h=from; c=fancy")).hasMessageContaining("unknown canonicalization");
        assertThatThrownBy(() -> DkimSignature.parse(base.replace("v=1", "v=2") + "h=from")).hasMessageContaining("version");
        assertThatThrownBy(() -> DkimSignature.parse(base.replace("rsa-sha256", "rsa-sha1") + "h=from"))
                .hasMessageContaining("unsupported algorithm");
        assertThatThrownBy(() -> DkimSignature.parse(base + "h=from; q=http")).hasMessageContaining("dns/txt");
        assertThatThrownBy(() -> DkimSignature.parse(base + "h=from; novalue")).hasMessageContaining("without '='");
    }

    @Test
    void keyRecords() throws DkimException {
        KeyRecord ed = KeyRecord.parse("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
        assertThat(ed.keyType()).isEqualTo("ed25519");
        assertThat(ed.revoked()).isFalse();
        assertThat(KeyRecord.parse("v=DKIM1; p=").revoked()).isTrue();
        KeyRecord t = KeyRecord.parse("k=ed25519; t=y:s; h=sha256; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
        assertThat(t.testing()).isTrue();
        assertThat(t.flags()).containsExactly("y", "s");
        assertThatThrownBy(() -> KeyRecord.parse("k=ed25519; v=DKIM1; p=AAAA")).hasMessageContaining("come first");
        assertThatThrownBy(() -> KeyRecord.parse("v=DKIM2; p=AAAA")).hasMessageContaining("DKIM1");
        assertThatThrownBy(() -> KeyRecord.parse("v=DKIM1; k=dsa; p=AAAA")).hasMessageContaining("unknown key type");
        assertThatThrownBy(() -> KeyRecord.parse("v=DKIM1; k=ed25519; p=AAAA")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> KeyRecord.parse("v=DKIM1; k=rsa")).hasMessageContaining("missing required tag p=");
    }
}
