package dev.surel.bench;

import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeParser;
import dev.surel.protocol.mime.MimeSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** MIME structure (envelope, parts, offsets) of a typical multipart mail with a 100 KB attachment. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MimeParseBenchmark {

    byte[] message;
    MimeParser parser;

    @Setup
    public void setUp() {
        byte[] attachment = new byte[100_000];
        new java.util.Random(1).nextBytes(attachment);
        String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment);
        String m = "From: Alice <alice@example.test>\r\nTo: bob@example.test, carol@example.test\r\n"
                + "Subject: =?UTF-8?B?w6lsw6ll?= report\r\nDate: Mon, 23 Nov 2026 04:00:00 +0100\r\n"
                + "Message-ID: <1@example.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                + "--outer\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
                + "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello Bob,\r\nthe report.\r\n"
                + "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello Bob,</p><p>the report.</p>\r\n--alt--\r\n"
                + "--outer\r\nContent-Type: application/pdf; name=report.pdf\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=report.pdf\r\n\r\n" + b64 + "\r\n--outer--\r\n";
        message = m.getBytes(StandardCharsets.ISO_8859_1);
        parser = new MimeParser(MimeSettings.defaults());
    }

    @Benchmark
    public MessageStructure parse() throws IOException {
        return parser.parse(new ByteArrayInputStream(message));
    }
}
