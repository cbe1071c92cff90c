package dev.surel.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Independent DKIM verifiers for the end-to-end tests: dkimpy (Debian python3-dkim) and OpenDKIM
 * 2.11 (Debian opendkim) in its test mode, both given the key records directly (dkimpy through a
 * dnsfunc, OpenDKIM through a TestPublicKeys file, opendkim.conf(5)). A missing tool fails with
 * its apt-get line.
 */
final class DkimTools {

    private DkimTools() {
    }

    /** argv: pairs of name record; stdin: message. Prints one line per signature: "True"/"False". */
    private static final String DKIMPY = """
            import dkim, sys
            recs = {sys.argv[i].encode() + b'.': sys.argv[i + 1].encode() for i in range(1, len(sys.argv), 2)}
            m = sys.stdin.buffer.read()
            d = dkim.DKIM(m)
            n = len([h for h in d.headers if h[0].lower() == b'dkim-signature'])
            for i in range(n):
                try:
                    print(d.verify(idx=i, dnsfunc=lambda name, timeout=5: recs.get(name)))
                except dkim.ValidationError as e:
                    print(False)
            """;

    /** dkimpy's verdict on each DKIM-Signature field of {@code message}, top first. */
    static List<Boolean> dkimpy(byte[] message, Map<String, String> records) throws Exception {
        return python(DKIMPY, message, records).lines().map(String::strip).filter(l -> !l.isEmpty()).map(Boolean::parseBoolean).toList();
    }

    /** argv: pairs of name record; stdin: message. Prints dkimpy's chain status and reason (RFC 8617 §5.2). */
    private static final String ARC = """
            import dkim, sys
            recs = {sys.argv[i].encode() + b'.': sys.argv[i + 1].encode() for i in range(1, len(sys.argv), 2)}
            m = sys.stdin.buffer.read()
            cv, results, reason = dkim.arc_verify(m, dnsfunc=lambda name, timeout=5: recs.get(name))
            print(cv.decode() if cv else 'none', reason)
            """;

    /** dkimpy's ARC validation of {@code message}: "pass ...", "fail ..." or "none ...". */
    static String dkimpyArc(byte[] message, Map<String, String> records) throws Exception {
        return python(ARC, message, records).strip();
    }

    /** Runs a dkimpy script with the records as name/record argument pairs and the message on stdin; its output. */
    private static String python(String script, byte[] message, Map<String, String> records) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) throw new AssertionError("python3 missing: apt-get install -y python3 python3-dkim");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        records.forEach((k, v) -> {
            cmd.add(k);
            cmd.add(v);
        });
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(message);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("dkimpy did not finish");
        if (out.contains("No module named")) throw new AssertionError("dkimpy missing: apt-get install -y python3-dkim python3-authres");
        if (p.exitValue() != 0) throw new AssertionError("dkimpy failed: " + out);
        return out;
    }

    /** The Authentication-Results field OpenDKIM would add to {@code message}. */
    static String openDkim(byte[] message, Map<String, String> records, Path dir) throws Exception {
        Path opendkim = Path.of("/usr/sbin/opendkim");
        if (!Files.isExecutable(opendkim)) throw new AssertionError("OpenDKIM missing: apt-get install -y opendkim opendkim-tools");
        StringBuilder keys = new StringBuilder();
        records.forEach((k, v) -> keys.append(k).append(' ').append(v).append('\n'));
        Path keyFile = Files.writeString(Files.createTempFile(dir, "keys", ".txt"), keys);
        Path conf = Files.writeString(Files.createTempFile(dir, "opendkim", ".conf"),
                "Mode v\nSyslog no\nAuthservID opendkim.test\nTestPublicKeys " + keyFile + "\n");
        Path file = Files.write(Files.createTempFile(dir, "message", ".eml"), message);
        Process p = new ProcessBuilder(opendkim.toString(), "-x", conf.toString(), "-vvv", "-t", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!p.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("opendkim did not finish");
        Matcher m = Pattern.compile("hname='Authentication-Results' hvalue='([^']*)'").matcher(out);
        if (p.exitValue() != 0 || !m.find()) throw new AssertionError("opendkim: " + out);
        return m.group(1);
    }

    /** The message a peer received: the DATA octets without the final ".CRLF" and with the transparency dots removed (RFC 5321 §4.5.2). */
    static byte[] unstuff(byte[] data) {
        String s = new String(data, StandardCharsets.ISO_8859_1);
        if (!s.endsWith(".\r\n")) throw new AssertionError("no end of data");
        s = s.substring(0, s.length() - 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : s.split("(?<=\r\n)")) {
            out.writeBytes((line.startsWith(".") ? line.substring(1) : line).getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }
}
