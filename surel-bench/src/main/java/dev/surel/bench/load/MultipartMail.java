package dev.surel.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Realistic multipart mail for the login-heavy workload, the same for the same seed and number
 * (7-bit ASCII on the wire, LF line ends). Message n is one of four shapes, by a random draw of
 * its own:
 * <ul>
 *   <li>40 %: multipart/alternative, text/plain and text/html, both quoted-printable (RFC 2045
 *       §6.7) with non-ASCII text (soft line breaks, {@code =C3=A9});</li>
 *   <li>30 %: multipart/mixed of such an alternative and one base64 attachment (RFC 2045 §6.8),
 *       a "PDF" of 8-60 KB;</li>
 *   <li>10 %: multipart/mixed with two attachments, an image of 60-300 KB and a small text file;</li>
 *   <li>20 %: a single text/plain part in quoted-printable, 1-4 KB.</li>
 * </ul>
 * Senders' names and a third of the subjects are RFC 2047 encoded words (B and Q), as mail from
 * non-English senders carries. Attachment octets are random (they do not compress).
 */
final class MultipartMail {
    private static final List<String> NAMES = List.of("Zoë Müller", "José Álvarez", "Łukasz Nowak", "Søren Kierkegård",
            "Anaïs Lefèvre", "Ivan Petrov", "Chloé Martin", "Jürgen Weiß", "Ana Souza", "Mia Chen", "Olivia Brown", "Noah Smith");
    private static final List<String> SUBJECTS = List.of("Réunion de lundi", "Quarterly report", "Übersicht der Änderungen",
            "Invoice for November", "Re: the draft contract", "Photos from the trip", "Fwd: meeting notes", "Café on Friday?",
            "Budget 2027 — final numbers", "Your order has shipped", "Question about the API", "Agenda for the workshop");
    private static final List<String> WORDS = List.of("the", "project", "meeting", "report", "déjà", "vu", "naïve", "café",
            "schedule", "numbers", "straße", "über", "please", "review", "attached", "thanks", "regards", "draft", "contract",
            "budget", "customer", "delivery", "week", "Monday", "Friday", "résumé", "coöperate", "and", "with", "for", "we",
            "should", "discuss", "next", "steps", "before", "deadline", "smörgåsbord", "piñata", "update");
    private static final String DOMAIN_FROM = "example.org";

    private final long seed;
    private final String to;

    MultipartMail(long seed, String to) {
        this.seed = seed;
        this.to = to;
    }

    /** Message number n (from 1). */
    String message(int n) {
        Random r = new Random(seed * 1_000_003L + n);
        String name = NAMES.get(r.nextInt(NAMES.size()));
        String subject = SUBJECTS.get(r.nextInt(SUBJECTS.size())) + " #" + n;
        StringBuilder m = new StringBuilder(4096);
        m.append("Return-Path: <sender").append(n % 97).append('@').append(DOMAIN_FROM).append(">\n");
        m.append("From: ").append(encodedWordB(name)).append(" <sender").append(n % 97).append('@').append(DOMAIN_FROM).append(">\n");
        m.append("To: Bench User <").append(to).append(">\n");
        if (r.nextInt(4) == 0) m.append("Cc: ").append(encodedWordQ(NAMES.get(r.nextInt(NAMES.size())))).append(" <cc@").append(DOMAIN_FROM).append(">\n");
        m.append("Subject: ").append(r.nextInt(3) == 0 ? encodedWordQ(subject) : ascii(subject)).append('\n');
        m.append(String.format(Locale.ROOT, "Date: Mon, %d Nov 2026 %02d:%02d:%02d +0100\n", 1 + n % 28, n % 24, n % 60, (n * 7) % 60));
        m.append("Message-ID: <multi-").append(n).append('.').append(seed).append("@bench.invalid>\n");
        m.append("MIME-Version: 1.0\n");
        int shape = r.nextInt(10);
        String b1 = "=_outer_" + n, b2 = "=_alt_" + n;
        if (shape < 4) {
            m.append("Content-Type: multipart/alternative; boundary=\"").append(b1).append("\"\n\n");
            m.append("This is a multi-part message in MIME format.\n");
            alternativeParts(m, r, b1, 600 + r.nextInt(3000));
            m.append("--").append(b1).append("--\n");
        } else if (shape < 9) {
            m.append("Content-Type: multipart/mixed; boundary=\"").append(b1).append("\"\n\n");
            m.append("--").append(b1).append("\nContent-Type: multipart/alternative; boundary=\"").append(b2).append("\"\n\n");
            alternativeParts(m, r, b2, 400 + r.nextInt(2500));
            m.append("--").append(b2).append("--\n");
            if (shape < 7) {
                attachment(m, r, b1, "application/pdf", "Rapport annuel " + n + ".pdf", 8_000 + r.nextInt(52_000));
            } else {
                attachment(m, r, b1, "image/jpeg", "Photo_été_" + n + ".jpg", 60_000 + r.nextInt(240_000));
                attachment(m, r, b1, "text/plain", "notes-" + n + ".txt", 300 + r.nextInt(2000));
            }
            m.append("--").append(b1).append("--\n");
        } else {
            m.append("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n");
            m.append(quotedPrintable(text(r, 1000 + r.nextInt(3000))));
        }
        return m.toString();
    }

    private static void alternativeParts(StringBuilder m, Random r, String boundary, int chars) {
        String text = text(r, chars);
        m.append("--").append(boundary).append("\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n");
        m.append(quotedPrintable(text));
        m.append("--").append(boundary).append("\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n");
        StringBuilder html = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body>\n");
        for (String p : text.split("\n\n")) html.append("<p style=\"font-family: Arial, sans-serif\">").append(p).append("</p>\n");
        html.append("</body></html>\n");
        m.append(quotedPrintable(html.toString()));
    }

    private static void attachment(StringBuilder m, Random r, String boundary, String type, String filename, int octets) {
        byte[] data = new byte[octets];
        r.nextBytes(data);
        String encodedName = encodedWordB(filename);
        m.append("--").append(boundary).append("\nContent-Type: ").append(type).append("; name=\"").append(encodedName)
                .append("\"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"").append(encodedName).append("\"\n\n");
        String b64 = Base64.getEncoder().encodeToString(data);
        for (int i = 0; i < b64.length(); i += 76) m.append(b64, i, Math.min(b64.length(), i + 76)).append('\n');
    }

    /** About {@code chars} characters of text in paragraphs, some words non-ASCII. */
    private static String text(Random r, int chars) {
        StringBuilder t = new StringBuilder(chars + 100);
        int sentence = 0;
        while (t.length() < chars) {
            String w = WORDS.get(r.nextInt(WORDS.size()));
            t.append(sentence == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
            if (++sentence > 6 + r.nextInt(10)) {
                t.append(r.nextInt(4) == 0 ? ".\n\n" : ". ");
                sentence = 0;
            } else {
                t.append(' ');
            }
        }
        return t.append(".\n").toString();
    }

    /** RFC 2045 §6.7 quoted-printable of UTF-8 text, lines of at most 76 characters, LF ends. */
    static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 8);
        for (String line : text.split("\n", -1)) {
            int col = 0;
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                boolean last = i == bytes.length - 1;
                String enc = (b >= 33 && b <= 126 && b != '=') || (b == ' ' && !last) ? String.valueOf((char) b)
                        : String.format(Locale.ROOT, "=%02X", b);
                if (col + enc.length() > 75) {
                    out.append("=\n");
                    col = 0;
                }
                out.append(enc);
                col += enc.length();
            }
            out.append('\n');
        }
        out.setLength(out.length() - 1); // the split's last, empty element added one LF too many
        return out.toString();
    }

    /** RFC 2047 §4.1 "B" encoded word when the text is not ASCII. */
    static String encodedWordB(String s) {
        if (isAscii(s)) return s;
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** RFC 2047 §4.2 "Q" encoded word (always, so ASCII subjects are encoded too sometimes). */
    static String encodedWordQ(String s) {
        StringBuilder q = new StringBuilder("=?UTF-8?Q?");
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int b = x & 0xff;
            if (b == ' ') q.append('_');
            else if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) q.append((char) b);
            else q.append(String.format(Locale.ROOT, "=%02X", b));
        }
        return q.append("?=").toString();
    }

    private static String ascii(String s) {
        return isAscii(s) ? s : encodedWordB(s);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 126) return false;
        return true;
    }
}
