package dev.surel.protocol.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's OpenDKIM (2.11.0, which signs and verifies ed25519-sha256 as well as rsa-sha256) run
 * in its test mode ({@code opendkim -x CONF -t FILE}, opendkim(8)): it treats a message file as
 * if received, as signer ({@code Mode s}: prints the DKIM-Signature field) or verifier
 * ({@code Mode v}: key records from a {@code TestPublicKeys} file, opendkim.conf(5), so no DNS;
 * prints the Authentication-Results field it would add). {@code opendkim-testmsg} is not used:
 * it signs only with the library's default rsa-sha1 and fails on Ed25519 keys.
 */
final class OpenDkim {

    static final Path OPENDKIM = Path.of("/usr/sbin/opendkim");

    private final Path dir;

    OpenDkim(Path dir) {
        this.dir = dir;
        if (!Files.isExecutable(OPENDKIM)) {
            throw new AssertionError("OpenDKIM is not installed: apt-get install -y opendkim opendkim-tools");
        }
    }

    /** The Authentication-Results OpenDKIM adds to {@code message}; {@code keys} are "name record" lines. */
    String verify(String message, List<String> keys) throws Exception {
        Path keyFile = Files.writeString(Files.createTempFile(dir, "keys", ".txt"), String.join("\n", keys) + "\n");
        Path conf = Files.writeString(Files.createTempFile(dir, "verify", ".conf"),
                "Mode v\nSyslog no\nAuthservID opendkim.test\nTestPublicKeys " + keyFile + "\n");
        String out = run(conf, message, true);
        Matcher m = Pattern.compile("INSHEADER: idx=\\d+ hname='Authentication-Results' hvalue='([^']*)'").matcher(out);
        if (!m.find()) throw new AssertionError("OpenDKIM added no Authentication-Results:\n" + out);
        return m.group(1);
    }

    /** The DKIM-Signature field OpenDKIM makes (CRLF line ends), {@code a} e.g. "ed25519-sha256", {@code c} "relaxed/relaxed". */
    String sign(String message, PrivateKey key, String domain, String selector, String a, String c) throws Exception {
        Path keyFile = Files.createTempFile(dir, "key", ".pem");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Path conf = Files.writeString(Files.createTempFile(dir, "sign", ".conf"), "Mode s\nSyslog no\nRequireSafeKeys false\n"
                + "Domain " + domain + "\nSelector " + selector + "\nKeyFile " + keyFile + "\nSignatureAlgorithm " + a
                + "\nCanonicalization " + c + "\n");
        String out = run(conf, message, false);
        int at = out.indexOf("DKIM-Signature:");
        if (at < 0) throw new AssertionError("OpenDKIM made no signature:\n" + out);
        return out.substring(at).replace("\r\n", "\n").strip().replace("\n", "\r\n") + "\r\n";
    }

    private String run(Path conf, String message, boolean verbose) throws Exception {
        Path file = Files.createTempFile(dir, "message", ".eml");
        Files.write(file, message.getBytes(StandardCharsets.ISO_8859_1));
        List<String> cmd = new ArrayList<>(List.of(OPENDKIM.toString(), "-x", conf.toString()));
        if (verbose) cmd.add("-vvv");
        cmd.addAll(List.of("-t", file.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("opendkim did not finish");
        }
        if (p.exitValue() != 0) throw new AssertionError("opendkim exited with " + p.exitValue() + ":\n" + out);
        return out;
    }

    /** A TestPublicKeys line. */
    static String keyLine(String selector, String domain, java.security.PublicKey key) {
        return selector + "._domainkey." + domain + " " + KeyRecord.publish(key);
    }

    static void deleteQuietly(Path p) throws IOException {
        Files.deleteIfExists(p);
    }
}
