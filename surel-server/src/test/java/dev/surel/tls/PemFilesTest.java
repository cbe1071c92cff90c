package dev.surel.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM loading: the three key forms as OpenSSL itself writes them, chains, and refusals. */
class PemFilesTest {
    @TempDir Path dir;

    static void openssl(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("openssl is missing: apt-get install -y openssl", e);
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("openssl hung: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(cmd + "\n" + out).isZero();
    }

    @Test
    void loadsOpensslPkcs1RsaKey() throws Exception {
        openssl(dir, "genrsa", "-traditional", "-out", "k.pem", "2048");
        selfSign("k.pem");
        assertThat(Files.readString(dir.resolve("k.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        CertifiedKey ck = PemFiles.load(dir.resolve("c.pem"), dir.resolve("k.pem"));
        assertThat(ck.key().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void loadsOpensslPkcs8Key() throws Exception {
        openssl(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "k.pem");
        selfSign("k.pem");
        assertThat(Files.readString(dir.resolve("k.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PemFiles.load(dir.resolve("c.pem"), dir.resolve("k.pem")).key().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void loadsOpensslEcKeyWithParametersBlock() throws Exception {
        openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "k.pem");
        selfSign("k.pem");
        String pem = Files.readString(dir.resolve("k.pem"));
        assertThat(pem).startsWith("-----BEGIN EC PARAMETERS-----").contains("-----BEGIN EC PRIVATE KEY-----");
        assertThat(PemFiles.load(dir.resolve("c.pem"), dir.resolve("k.pem")).key().getAlgorithm()).isEqualTo("EC");
    }

    private void selfSign(String key) throws Exception {
        openssl(dir, "req", "-new", "-x509", "-key", key, "-out", "c.pem", "-days", "2", "-subj", "/CN=openssl.test");
    }

    @Test
    void loadsAChainLeafFirst() throws Exception {
        TestCerts.Written leaf = TestCerts.write(dir, "leaf", "leaf.test", TestCerts.KeyForm.PKCS8_EC);
        TestCerts.Written ca = TestCerts.write(dir, "ca", "ca.test", TestCerts.KeyForm.PKCS8_EC);
        Files.writeString(dir.resolve("chain.pem"), Files.readString(leaf.cert()) + Files.readString(ca.cert()));
        CertifiedKey ck = PemFiles.load(dir.resolve("chain.pem"), leaf.key());
        assertThat(ck.chain()).containsExactly(leaf.certificate(), ca.certificate());
    }

    @Test
    void refusesMismatchedEncryptedAndGarbageFilesWithMessages() throws Exception {
        TestCerts.Written a = TestCerts.write(dir, "a", "a.test", TestCerts.KeyForm.PKCS8_RSA);
        TestCerts.Written b = TestCerts.write(dir, "b", "b.test", TestCerts.KeyForm.PKCS1_RSA);
        TestCerts.Written e = TestCerts.write(dir, "e", "e.test", TestCerts.KeyForm.EC_SEC1);
        assertThatThrownBy(() -> PemFiles.load(a.cert(), b.key())).isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("does not belong to the certificate");
        assertThatThrownBy(() -> PemFiles.load(a.cert(), e.key())).hasMessageContaining("does not match");
        assertThatThrownBy(() -> PemFiles.load(a.key(), a.key())).hasMessageContaining("in a certificate file");
        assertThatThrownBy(() -> PemFiles.load(a.cert(), a.cert())).hasMessageContaining("in a key file");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "hello\n");
        assertThatThrownBy(() -> PemFiles.load(empty, a.key())).hasMessageContaining("no BEGIN CERTIFICATE");
        assertThatThrownBy(() -> PemFiles.load(a.cert(), empty)).hasMessageContaining("no PRIVATE KEY block");
        assertThatThrownBy(() -> PemFiles.load(dir.resolve("missing.pem"), a.key())).hasMessageContaining("missing.pem");
        openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256",
                "-pass", "pass:secret", "-out", "enc.pem");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(dir.resolve("enc.pem")))
                .hasMessageContaining("encrypted private keys are not supported").hasMessageNotContaining("secret");
    }
}
