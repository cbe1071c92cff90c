package dev.surel.protocol.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs dkimpy (Debian python3-dkim) for the interop tests. */
final class Dkimpy {

    static final String PYTHON = "/usr/bin/python3";

    private Dkimpy() {
    }

    /** A private key in the form dkimpy reads: PKCS#8 PEM for RSA, the base64 seed for Ed25519. */
    static Path writeKey(Path dir, KeyPair keys) throws IOException {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        String text;
        if (keys.getPrivate().getAlgorithm().equals("RSA")) {
            text = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } else {
            // dkimpy reads an Ed25519 private key as the base64 32-byte seed (RFC 8463 A.1).
            text = Base64.getEncoder().encodeToString(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)) + "\n";
        }
        Path file = Files.createTempFile(dir, "key", ".txt");
        Files.writeString(file, text);
        return file;
    }

    record Run(int exit, String out) {
    }

    /** Runs a python3 script with dkimpy; exit 0 or 1 is the script's answer, anything else a failure. */
    static Run run(Path dir, String stdin, String script, String... args) throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new AssertionError("python3 is not installed: apt-get install -y python3 python3-dkim");
        }
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.ISO_8859_1));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dkimpy did not finish");
        }
        String error = Files.readString(err);
        if (error.contains("No module named 'dkim'")) {
            throw new AssertionError("dkimpy is not installed: apt-get install -y python3-dkim");
        }
        if (error.contains("authres") || error.contains("AuthresNotFoundError")) {
            throw new AssertionError("authres is not installed (dkimpy's ARC needs it): apt-get install -y python3-authres");
        }
        if (p.exitValue() > 1) {
            throw new AssertionError("dkimpy failed: " + error);
        }
        return new Run(p.exitValue(), out);
    }
}
