package dev.surel.transfer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Generates varied test messages with LF line endings, as they lie in a Maildir or mbox: plain
 * ASCII, 8-bit UTF-8 headers and bodies, multipart/alternative, attachments in base64, body lines
 * beginning with "From " and ">From " (mbox escaping), messages without a Message-ID, one
 * larger message in a hundred. Deterministic for a seed.
 */
final class MailGen {

    private static final String[] WORDS = {"mail", "server", "import", "Dovecot", "folder", "quota", "flags", "date",
            "Grüße", "naïve", "façade", "日本語", "Ωmega", "test", "hello", "world", "archive", "résumé"};

    private MailGen() {
    }

    static byte[] message(Random r, int i) {
        StringBuilder h = new StringBuilder();
        int kind = i % 7;
        h.append("Return-Path: <sender").append(i % 13).append("@example.org>\n");
        h.append("From: Sender ").append(i % 13).append(" <sender").append(i % 13).append("@example.org>\n");
        h.append("To: alice@example.test\n");
        h.append("Subject: ").append(kind == 1 ? "Grüße aus Köln " : "message ").append(i).append(' ').append(words(r, 3)).append('\n');
        h.append("Date: Mon, 1 Jan 2024 10:00:").append(String.format("%02d", i % 60)).append(" +0100\n");
        if (i % 11 != 5) h.append("Message-ID: <m").append(i).append('.').append(r.nextInt(1_000_000)).append("@gen.example.org>\n");
        h.append("MIME-Version: 1.0\n");
        StringBuilder b = new StringBuilder();
        switch (kind) {
            case 1 -> {
                h.append("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n");
                for (int k = 0; k < 3 + r.nextInt(20); k++) b.append(words(r, 8)).append('\n');
            }
            case 2 -> {
                h.append("Content-Type: multipart/alternative; boundary=\"alt").append(i).append("\"\n");
                b.append("--alt").append(i).append("\nContent-Type: text/plain; charset=us-ascii\n\nplain part ").append(i).append('\n');
                b.append("--alt").append(i).append("\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n<p>")
                        .append(words(r, 10)).append("</p>\n--alt").append(i).append("--\n");
            }
            case 3 -> {
                h.append("Content-Type: multipart/mixed; boundary=\"mix").append(i).append("\"\n");
                byte[] att = new byte[(i % 100 == 3) ? 150_000 : 500 + r.nextInt(8_000)];
                r.nextBytes(att);
                b.append("--mix").append(i).append("\nContent-Type: text/plain\n\nsee the attachment\n");
                b.append("--mix").append(i).append("\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"f")
                        .append(i).append(".bin\"\nContent-Transfer-Encoding: base64\n\n")
                        .append(Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(att)).append("\n--mix").append(i).append("--\n");
            }
            case 4 -> {
                h.append("Content-Type: text/plain\n");
                b.append("A body with mbox-sensitive lines:\n\nFrom the start it was clear.\n>From a quoted line\n>>From deeper\n\nFrom here on\nend\n");
            }
            default -> {
                h.append("Content-Type: text/plain; charset=us-ascii\n");
                for (int k = 0; k < 1 + r.nextInt(30); k++) b.append("line ").append(k).append(' ').append(ascii(r, 60)).append('\n');
            }
        }
        return (h + "\n" + b).getBytes(StandardCharsets.UTF_8);
    }

    private static String words(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) b.append(k == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        return b.toString();
    }

    private static String ascii(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) b.append((char) ('a' + r.nextInt(26)));
        return b.toString();
    }

    /** LF (and lone CR) made CRLF: what a server stores and serves. */
    static byte[] crlf(byte[] lf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(lf.length + lf.length / 20);
        for (int i = 0; i < lf.length; i++) {
            byte c = lf[i];
            if (c == '\n' && (i == 0 || lf[i - 1] != '\r')) out.write('\r');
            out.write(c);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final List<String> KEYWORDS = List.of("Work", "Later", "$Junk", "$label1", "Project-X");
}
