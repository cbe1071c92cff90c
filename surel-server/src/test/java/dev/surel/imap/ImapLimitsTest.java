package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits and authentication: each limit has its BAD / NO / BYE (RFC 9051 §7.1, RFC 7888 §4,
 * RFC 7889, RFC 5530 codes), and the clear-text rule of RFC 9051 §6.2.3 / RFC 8314.
 */
class ImapLimitsTest {
    static final String PASSWORD = "secret";

    @TempDir Path dir;

    private static final String LIMITS = """
            max_line_length = 1000
            max_literal = "1K"
            append_limit = "2K"
            max_nesting = 4
            max_failed_logins = 2
            max_unauthenticated_commands = 5
            """;

    /** A server with IMAP, alice and bob (password "secret"), and {@code toml} under {@code [table]}. */
    private TestServer start(String table, String toml) {
        return TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).toml(table, toml).start(dir);
    }

    @Test
    void overLongLineIsByeAndClose() throws Exception {
        try (TestServer srv = start("imap", LIMITS); ImapClient c = ImapClient.connect(srv)) {
            c.send("t1 NOOP " + "x".repeat(2000) + "\r\n");
            assertThat(c.line()).isEqualTo("* BYE Command line too long");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void literalsOverTheLimit() throws Exception {
        try (TestServer srv = start("imap", LIMITS); ImapClient c = ImapClient.login(srv, "alice")) {
            // synchronizing: refused before the client sends it; the connection goes on
            assertThat(c.command("SELECT {5000}")).containsExactly("t2 BAD Literal too large");
            c.expectOk(c.command("NOOP"));
            assertThat(ImapClient.tagged(c.command("APPEND INBOX {5000}"))).startsWith("NO [TOOBIG]");
            c.expectOk(c.command("NOOP"));
            // up to the limits they work
            assertThat(ImapClient.tagged(c.command("APPEND INBOX {2000+}\r\nSubject: x\r\n\r\n" + "y".repeat(1985)))).startsWith("OK [APPENDUID");
            // non-synchronizing over the limit: the client sends it anyway, so BAD and close (RFC 7888 §4)
            String t = c.nextTag();
            c.send(t + " APPEND INBOX {5000+}\r\n" + "z".repeat(5000) + "\r\n");
            assertThat(c.until("\\* BYE.*")).containsExactly(t + " BAD Literal too large", "* BYE Literal too large");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void nestingDepth() throws Exception {
        try (TestServer srv = start("imap", LIMITS); ImapClient c = ImapClient.login(srv, "alice")) {
            c.expectOk(c.command("SELECT INBOX"));
            c.expectOk(c.command("SEARCH NOT NOT NOT ALL"));
            assertThat(ImapClient.tagged(c.command("SEARCH NOT NOT NOT NOT NOT ALL"))).isEqualTo("BAD search program too deeply nested");
            assertThat(ImapClient.tagged(c.command("SEARCH ((((((ALL))))))"))).isEqualTo("BAD search program too deeply nested");
        }
    }

    @Test
    void failedLoginsEndTheConnection() throws Exception {
        try (TestServer srv = start("imap", LIMITS); ImapClient c = ImapClient.connect(srv)) {
            assertThat(ImapClient.tagged(c.command("LOGIN alice@example.test wrong"))).isEqualTo("NO [AUTHENTICATIONFAILED] Authentication failed");
            assertThat(ImapClient.tagged(c.command("SELECT INBOX"))).isEqualTo("BAD Command not allowed before authentication");
            List<String> r = c.command("LOGIN alice@example.test wrong-again");
            assertThat(r).containsExactly("t3 NO [AUTHENTICATIONFAILED] Authentication failed");
            assertThat(c.line()).isEqualTo("* BYE Too many failed logins");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void commandsBeforeAuthenticationAreLimited() throws Exception {
        try (TestServer srv = start("imap", LIMITS); ImapClient c = ImapClient.connect(srv)) {
            for (int i = 0; i < 5; i++) c.expectOk(c.command("NOOP"));
            c.send("t9 NOOP\r\n");
            assertThat(c.line()).isEqualTo("* BYE Too many commands without authentication");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void inactivityBeforeAndAfterLogin() throws Exception {
        // real time, short timeouts: the connection's idle check cannot be driven by a test clock from TOML.
        // 6 s, not 4: the authenticated session must stay quiet until the other one's BYE (1 s) plus 200 ms
        // even on a loaded machine, and its own BYE must still come within the client's 10 s read timeout
        try (TestServer srv = start("imap", "login_timeout = \"1s\"\nidle_timeout = \"6s\"");
             ImapClient post = ImapClient.login(srv, "alice"); ImapClient pre = ImapClient.connect(srv)) {
            assertThat(pre.line()).isEqualTo("* BYE Autologout; idle for too long");
            assertThat(post.quietFor(200)).as("the authenticated session has the longer timeout").isTrue();
            assertThat(post.line()).isEqualTo("* BYE Autologout; idle for too long");
        }
    }

    @Test
    void saslPlainWithAndWithoutInitialResponse() throws Exception {
        try (TestServer srv = start("imap", ""); ImapClient c = ImapClient.connect(srv)) {
            assertThat(c.greeting).contains("AUTH=PLAIN").contains("SASL-IR").doesNotContain("LOGINDISABLED");
            String ir = Base64.getEncoder().encodeToString("\0alice@example.test\0secret".getBytes(StandardCharsets.UTF_8));
            String t = c.nextTag();
            c.send(t + " AUTHENTICATE PLAIN\r\n");
            assertThat(c.line()).isEqualTo("+ ");
            c.send("*\r\n");
            assertThat(c.line()).isEqualTo(t + " BAD Authentication cancelled");
            assertThat(ImapClient.tagged(c.command("AUTHENTICATE PLAIN " + Base64.getEncoder().encodeToString("\0alice@example.test\0bad".getBytes()))))
                    .startsWith("NO [AUTHENTICATIONFAILED]");
            assertThat(ImapClient.tagged(c.command("AUTHENTICATE X-FROB"))).startsWith("NO");
            assertThat(ImapClient.tagged(c.command("AUTHENTICATE PLAIN " + ir))).startsWith("OK [CAPABILITY IMAP4rev1");
            assertThat(ImapClient.tagged(c.command("LOGIN a b"))).startsWith("BAD");
        }
    }

    @Test
    void clearTextRefusedOutsideTheNetworksUntilStartTls() throws Exception {
        java.nio.file.Files.createDirectories(dir);
        try (TestServer srv = start("auth", "cleartext_networks = []");
             ImapClient c = ImapClient.connect(srv)) {
            assertThat(c.greeting).contains("STARTTLS", "LOGINDISABLED", "AUTH=SCRAM-SHA-256").doesNotContain("AUTH=PLAIN");
            assertThat(ImapClient.tagged(c.command("LOGIN alice@example.test secret"))).startsWith("NO [PRIVACYREQUIRED]");
            assertThat(ImapClient.tagged(c.command("AUTHENTICATE PLAIN =")))
                    .startsWith("NO [PRIVACYREQUIRED]");
            String t = c.nextTag();
            c.send(t + " STARTTLS\r\n");
            assertThat(c.line()).isEqualTo(t + " OK Begin TLS negotiation now");
            c.startTls();
            String cap = c.command("CAPABILITY").getFirst();
            assertThat(cap).contains("AUTH=PLAIN").doesNotContain("STARTTLS", "LOGINDISABLED");
            assertThat(ImapClient.tagged(c.command("LOGIN alice@example.test secret"))).startsWith("OK");
        }
    }

    @Test
    void scramSha256WithSaslIrAndTheServerFinalAsALastChallenge() throws Exception {
        try (TestServer srv = start("auth", "cleartext_networks = []");
             ImapClient c = ImapClient.connect(srv)) {
            var b64 = Base64.getEncoder();
            String bare = "n=alice@example.test,r=clientnonce0123456789";
            String t = c.nextTag();
            c.send(t + " AUTHENTICATE SCRAM-SHA-256 " + b64.encodeToString(("n,," + bare).getBytes(StandardCharsets.UTF_8)) + "\r\n");
            String first = c.line();
            assertThat(first).startsWith("+ ");
            String serverFirst = new String(Base64.getDecoder().decode(first.substring(2)), StandardCharsets.UTF_8);
            java.util.Map<String, String> f = new java.util.HashMap<>();
            for (String kv : serverFirst.split(",")) f.put(kv.substring(0, 1), kv.substring(2));
            byte[] salted = pbkdf2(PASSWORD, Base64.getDecoder().decode(f.get("s")), Integer.parseInt(f.get("i")));
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = java.security.MessageDigest.getInstance("SHA-256").digest(clientKey);
            String withoutProof = "c=biws,r=" + f.get("r");
            String authMessage = bare + "," + serverFirst + "," + withoutProof;
            byte[] sig = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) proof[i] = (byte) (clientKey[i] ^ sig[i]);
            c.send(b64.encodeToString((withoutProof + ",p=" + b64.encodeToString(proof)).getBytes(StandardCharsets.UTF_8)) + "\r\n");
            String fin = c.line();
            String expected = "v=" + b64.encodeToString(hmac(hmac(salted, "Server Key"), authMessage));
            assertThat(fin).isEqualTo("+ " + b64.encodeToString(expected.getBytes(StandardCharsets.UTF_8)));
            c.send("\r\n");
            assertThat(c.line()).startsWith(t + " OK [CAPABILITY IMAP4rev1");
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) throws Exception {
        var spec = new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        return javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
