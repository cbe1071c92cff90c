package dev.surel.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AUTH mechanisms (RFC 5034), STLS (RFC 2595), POP3S and the clear-text rule, over real sockets. */
class Pop3AuthTest {
    @TempDir Path dir;
    TestServer f;

    @AfterEach
    void stop() {
        if (f != null) f.close();
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainWithAndWithoutInitialResponseAndLogin() throws Exception {
        f = Pop3Client.server().start(dir);
        f.deliver(f.alice(), "Subject: x\n\nx\n");
        try (Pop3Client c = Pop3Client.connect(f)) {
            c.line();
            assertThat(c.cmd("AUTH PLAIN " + b64("\0alice@example.test\0secret"))).startsWith("+OK maildrop has 1 messages");
            c.expectOk(c.cmd("QUIT"));
        }
        try (Pop3Client c = Pop3Client.connect(f)) {
            c.line();
            assertThat(c.cmd("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.cmd(b64("\0alice@example.test\0wrong"))).isEqualTo("-ERR [AUTH] authentication failed");
            assertThat(c.cmd("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.cmd("*")).isEqualTo("-ERR authentication cancelled");
            assertThat(c.cmd("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.cmd("not base64!")).isEqualTo("-ERR [AUTH] invalid base64");
            assertThat(c.cmd("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.cmd(b64("\0alice@example.test\0secret"))).startsWith("+OK");
            assertThat(c.cmd("STAT")).startsWith("+OK 1 ");
            c.expectOk(c.cmd("QUIT"));
        }
        try (Pop3Client c = Pop3Client.connect(f)) {
            c.line();
            assertThat(c.cmd("AUTH LOGIN")).startsWith("+ ");
            assertThat(c.cmd(b64("alice@example.test"))).startsWith("+ ");
            assertThat(c.cmd(b64("secret"))).startsWith("+OK");
            assertThat(c.cmd("AUTH PLAIN")).isEqualTo("-ERR not allowed after login");
        }
        try (Pop3Client c = Pop3Client.connect(f)) {
            c.line();
            assertThat(c.cmd("AUTH CRAM-MD5")).isEqualTo("-ERR unsupported authentication mechanism");
            c.expectOk(c.cmd("AUTH"));
            assertThat(c.body()).containsExactly("SCRAM-SHA-256", "PLAIN", "LOGIN");
        }
    }

    @Test
    void scramSha256WithInitialResponse() throws Exception {
        f = Pop3Client.server().start(dir);
        try (Pop3Client c = Pop3Client.connect(f)) {
            c.line();
            String nonce = "rOprNGfwEbeRWgbNEkqO";
            String clientFirstBare = "n=alice@example.test,r=" + nonce;
            String challenge = c.cmd("AUTH SCRAM-SHA-256 " + b64("n,," + clientFirstBare));
            assertThat(challenge).startsWith("+ ");
            String serverFirst = new String(Base64.getDecoder().decode(challenge.substring(2)), StandardCharsets.UTF_8);
            Map<String, String> a = attrs(serverFirst);
            assertThat(a.get("r")).startsWith(nonce);
            byte[] salted = pbkdf2(Pop3Client.PASSWORD, Base64.getDecoder().decode(a.get("s")), Integer.parseInt(a.get("i")));
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            String withoutProof = "c=biws,r=" + a.get("r");
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] signature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) proof[i] = (byte) (clientKey[i] ^ signature[i]);
            String last = c.cmd(b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)));
            assertThat(last).as("server-final sent as a challenge").startsWith("+ ");
            String serverFinal = new String(Base64.getDecoder().decode(last.substring(2)), StandardCharsets.UTF_8);
            byte[] serverKey = hmac(salted, "Server Key");
            assertThat(serverFinal).isEqualTo("v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage)));
            assertThat(c.cmd("")).startsWith("+OK maildrop has 0 messages");
        }
    }

    @Test
    void clearTextRefusedWithoutTlsThenAllowedAfterStls() throws Exception {
        // no clear-text networks at all: loopback is not trusted either
        f = Pop3Client.server().toml("auth", "cleartext_networks = []\n").start(dir);
        try (Pop3Client c = Pop3Client.connect(f)) {
            c.line();
            List<String> capa = c.multi("CAPA");
            assertThat(capa).contains("SASL SCRAM-SHA-256", "STLS").doesNotContain("USER");
            assertThat(c.cmd("USER alice@example.test")).isEqualTo("-ERR [AUTH] clear-text passwords are refused on this connection: use STLS first");
            assertThat(c.cmd("PASS secret")).startsWith("-ERR [AUTH]");
            assertThat(c.cmd("AUTH PLAIN " + b64("\0alice@example.test\0secret"))).startsWith("-ERR [AUTH]");
            // pipelined after STLS in clear text: dropped, never executed
            c.send("STLS\r\nUSER alice@example.test\r\n");
            assertThat(c.line()).isEqualTo("+OK Begin TLS negotiation");
            c.startTls();
            List<String> tlsCapa = c.multi("CAPA");
            assertThat(tlsCapa).contains("USER", "SASL SCRAM-SHA-256 PLAIN LOGIN").doesNotContain("STLS");
            assertThat(c.cmd("STLS")).isEqualTo("-ERR already using TLS");
            assertThat(c.cmd("PASS secret")).as("the clear-text USER was dropped").isEqualTo("-ERR USER first");
            c.expectOk(c.cmd("USER alice@example.test"));
            c.expectOk(c.cmd("PASS secret"));
            assertThat(c.cmd("STAT")).isEqualTo("+OK 0 0");
        }
        try (Pop3Client c = Pop3Client.connect(f, Endpoint.POP3S)) {
            c.expectOk(c.line());
            assertThat(c.multi("CAPA")).contains("USER").doesNotContain("STLS");
            assertThat(c.cmd("AUTH PLAIN " + b64("\0bob@example.test\0secret"))).startsWith("+OK");
        }
    }

    @Test
    void throttledLoginIsSysTemp() throws Exception {
        f = Pop3Client.server().toml("auth.throttle", "account_ip_refusal_threshold = 2\n").start(dir);
        try (Pop3Client c = Pop3Client.connect(f)) {
            c.line();
            for (int i = 0; i < 2; i++) {
                c.expectOk(c.cmd("USER alice@example.test"));
                assertThat(c.cmd("PASS wrong")).startsWith("-ERR [AUTH]");
            }
            c.expectOk(c.cmd("USER alice@example.test"));
            assertThat(c.cmd("PASS secret")).startsWith("-ERR [SYS/TEMP]");
        }
    }

    static Map<String, String> attrs(String s) {
        Map<String, String> m = new HashMap<>();
        for (String part : s.split(",")) m.put(part.substring(0, 1), part.substring(2));
        return m;
    }

    static byte[] pbkdf2(String pw, byte[] salt, int iterations) throws Exception {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(pw.toCharArray(), salt, iterations, 256)).getEncoded();
    }

    static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
