package dev.surel.net;

import static dev.surel.net.NetTestSupport.peerCert;
import static dev.surel.net.NetTestSupport.tls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.net.NetTestSupport.Client;
import dev.surel.tls.TestCerts;
import dev.surel.tls.TestCerts.KeyForm;
import dev.surel.tls.TlsManager;
import dev.surel.tls.TlsSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS through a real listener: key forms, protocol versions, SNI selection, reload. */
class TlsListenerTest {
    @TempDir Path dir;
    TlsManager tlsManager;
    Listener listener;

    @AfterEach
    void stop() {
        if (listener != null) listener.stop(Duration.ZERO);
        if (tlsManager != null) tlsManager.close();
    }

    InetSocketAddress start(TlsSettings settings) throws Exception {
        tlsManager = TlsManager.start(settings);
        NetContext ctx = NetContext.of(NetSettings.defaults(), tlsManager, Clock.systemUTC());
        listener = new Listener("127.0.0.1:0", new Service("tls", ListenerMode.IMPLICIT_TLS,
                new LineTestProtocol(CleartextPolicy.tlsOnly()), LineTestProtocol.REFUSE), ctx);
        return listener.start();
    }

    @ParameterizedTest
    @EnumSource(KeyForm.class)
    void eachPemKeyFormServesAHandshake(KeyForm form) throws Exception {
        TestCerts.Written w = TestCerts.write(dir, "k", "form.test", form);
        String header = Files.readString(w.key());
        assertThat(header).startsWith(switch (form) {
            case PKCS1_RSA -> "-----BEGIN RSA PRIVATE KEY-----";
            case EC_SEC1 -> "-----BEGIN EC PRIVATE KEY-----";
            case PKCS8_RSA, PKCS8_EC -> "-----BEGIN PRIVATE KEY-----";
        });
        InetSocketAddress a = start(TlsSettings.defaults().withCertificate(w.cert(), w.key()));
        for (String version : List.of("TLSv1.3", "TLSv1.2")) {
            try (Client c = tls(a, null, version)) {
                assertThat(c.line()).isEqualTo("OK ready");
                assertThat(c.ssl().getSession().getProtocol()).isEqualTo(version);
                assertThat(peerCert(c.ssl())).isEqualTo(w.certificate());
            }
        }
    }

    @Test
    void serverOffersOnlyTls13And12WithForwardSecrecyAead() throws Exception {
        TestCerts.Written w = TestCerts.write(dir, "k", "p.test", KeyForm.PKCS8_RSA);
        tlsManager = TlsManager.start(TlsSettings.defaults().withCertificate(w.cert(), w.key()));
        assertThat(tlsManager.serverParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(tlsManager.serverParameters().getCipherSuites())
                .isNotEmpty()
                .allMatch(s -> s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_") || s.startsWith("TLS_EMPTY_")
                        || ((s.startsWith("TLS_ECDHE_") || s.startsWith("TLS_DHE_")) && (s.contains("_GCM_") || s.contains("CHACHA20"))));
    }

    @Test
    void tls11And10RefusedTls12And13AcceptedByOpenssl() throws Exception {
        TestCerts.Written w = TestCerts.write(dir, "k", "v.test", KeyForm.PKCS1_RSA);
        InetSocketAddress a = start(TlsSettings.defaults().withCertificate(w.cert(), w.key()));
        for (String old : List.of("-tls1", "-tls1_1")) {
            OpensslResult r = sClient(a, old);
            assertThat(r.exit()).as(old + " must fail:\n" + r.output()).isNotZero();
            // the server alerted (the client could offer the old version: SECLEVEL=0)
            assertThat(r.output()).as(r.output()).containsIgnoringCase("alert protocol version");
        }
        for (String[] ok : List.of(new String[] {"-tls1_2", "TLSv1.2"}, new String[] {"-tls1_3", "TLSv1.3"})) {
            OpensslResult r = sClient(a, ok[0]);
            assertThat(r.output()).as(r.output()).contains("Protocol  : " + ok[1]).contains("OK ready");
        }
        // and a JDK client limited to TLS 1.1 cannot connect either
        assertThatThrownBy(() -> tls(a, null, "TLSv1.1")).isInstanceOf(SSLHandshakeException.class);
    }

    record OpensslResult(int exit, String output) {}

    static OpensslResult sClient(InetSocketAddress a, String versionFlag) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect",
                a.getAddress().getHostAddress() + ":" + a.getPort(), versionFlag, "-ign_eof"));
        if (!versionFlag.equals("-tls1_3")) {
            cmd.addAll(List.of("-cipher", "DEFAULT:@SECLEVEL=0"));
        }
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("openssl is missing: apt-get install -y openssl", e);
        }
        p.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("openssl s_client hung");
        }
        return new OpensslResult(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void sniSelectsThePerDomainCertificateAndDefaultOtherwise() throws Exception {
        TestCerts.Written def = TestCerts.write(dir, "default", "default.test", KeyForm.PKCS8_RSA);
        TestCerts.Written exact = TestCerts.write(dir, "exact", "mail.example.com", KeyForm.EC_SEC1);
        TestCerts.Written wild = TestCerts.write(dir, "wild", "wild.example.org", KeyForm.PKCS1_RSA);
        InetSocketAddress a = start(TlsSettings.defaults().withCertificate(def.cert(), def.key()).withSni(List.of(
                new TlsSettings.SniCertificate("mail.example.com", exact.cert(), exact.key()),
                new TlsSettings.SniCertificate("*.example.org", wild.cert(), wild.key()))));
        assertThat(cnFor(a, "mail.example.com")).isEqualTo("mail.example.com");
        assertThat(cnFor(a, "MAIL.Example.COM")).isEqualTo("mail.example.com");
        assertThat(cnFor(a, "imap.example.org")).isEqualTo("wild.example.org");
        assertThat(cnFor(a, "a.b.example.org")).isEqualTo("default.test"); // wildcard is one label
        assertThat(cnFor(a, "example.org")).isEqualTo("default.test");
        assertThat(cnFor(a, "other.test")).isEqualTo("default.test");
        assertThat(cnFor(a, null)).isEqualTo("default.test");
        try (Client c = tls(a, "mail.example.com", "TLSv1.2")) { // EC cert on TLS 1.2 too
            assertThat(TestCerts.cn(peerCert(c.ssl()))).isEqualTo("mail.example.com");
        }
    }

    static String cnFor(InetSocketAddress a, String sni) throws Exception {
        try (Client c = tls(a, sni)) {
            assertThat(c.line()).isEqualTo("OK ready");
            return TestCerts.cn(peerCert(c.ssl()));
        }
    }

    @Test
    void reloadPicksUpChangedFilesAndKeepsTheOldOnBrokenOnes() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live"));
        TestCerts.Written first = TestCerts.write(live, "cert", "first.test", KeyForm.PKCS8_RSA);
        InetSocketAddress a = start(new TlsSettings(first.cert(), first.key(), List.of(), Duration.ZERO));
        assertThat(cnFor(a, null)).isEqualTo("first.test");
        assertThat(tlsManager.reloadIfChanged()).isFalse();

        TestCerts.write(live, "cert", "second.test", KeyForm.EC_SEC1); // overwrites both files
        assertThat(tlsManager.reloadIfChanged()).isTrue();
        assertThat(cnFor(a, null)).isEqualTo("second.test");

        // a certificate without its matching key (half-way through a renewal): refused, old one stays
        Path other = Files.createDirectories(dir.resolve("other"));
        TestCerts.Written third = TestCerts.write(other, "cert", "third.test", KeyForm.EC_SEC1);
        Files.copy(third.cert(), first.cert(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(tlsManager.reloadIfChanged()).isFalse();
        assertThat(cnFor(a, null)).isEqualTo("second.test");

        Files.writeString(first.cert(), "-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----\n");
        assertThat(tlsManager.reloadIfChanged()).isFalse();
        assertThat(cnFor(a, null)).isEqualTo("second.test");

        Files.copy(third.key(), first.key(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(third.cert(), first.cert(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(tlsManager.reloadIfChanged()).isTrue();
        assertThat(cnFor(a, null)).isEqualTo("third.test");
    }
}
