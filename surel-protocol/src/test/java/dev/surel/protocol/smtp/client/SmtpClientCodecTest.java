package dev.surel.protocol.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reply parsing, EHLO keywords, MAIL/RCPT parameters and the DATA encoder. */
class SmtpClientCodecTest {

    @Test
    void multiLineRepliesAndEnhancedStatus() throws Exception {
        ReplyParser p = new ReplyParser();
        assertThat(p.line("250-mx.test hello")).isNull();
        assertThat(p.line("250-SIZE 1000")).isNull();
        SmtpReply r = p.line("250 DSN");
        assertThat(r.code()).isEqualTo(250);
        assertThat(r.lines()).containsExactly("mx.test hello", "SIZE 1000", "DSN");
        assertThat(p.line("550 5.1.1 <x@y>: no such user").status()).isEqualTo("5.1.1");
        assertThat(p.line("550 no such user").status()).isEqualTo("5.0.0");
        assertThat(p.line("452 too many").status()).isEqualTo("4.3.1");
        assertThat(p.line("552").status()).isEqualTo("5.3.4");
        assertThat(p.line("550 4.1.1 class mismatch").status()).isEqualTo("5.0.0"); // RFC 3463 §2: classes must agree
        assertThat(p.line("421 4.7.0 bye\u0007").text()).isEqualTo("421 4.7.0 bye?");
    }

    @Test
    void malformedRepliesAreRefused() throws Exception {
        assertThatThrownBy(() -> new ReplyParser().line("hello")).isInstanceOf(ReplyParser.MalformedReplyException.class);
        assertThatThrownBy(() -> new ReplyParser().line("150 x")).isInstanceOf(ReplyParser.MalformedReplyException.class);
        assertThatThrownBy(() -> new ReplyParser().line("250x")).isInstanceOf(ReplyParser.MalformedReplyException.class);
        ReplyParser p = new ReplyParser();
        p.line("250-a");
        assertThatThrownBy(() -> p.line("251 b")).isInstanceOf(ReplyParser.MalformedReplyException.class);
    }

    /**
     * A peer cannot make the client hold an endless reply: lines are cut at 512 characters and a
     * reply may have at most {@link ReplyParser#MAX_LINES} lines (found by review while writing
     * SmtpParserFuzzTest.reply: bounded input cannot show unbounded growth).
     */
    @Test
    void endlessMultiLineReplyIsRefused() throws Exception {
        ReplyParser p = new ReplyParser();
        for (int i = 1; i < ReplyParser.MAX_LINES; i++) assertThat(p.line("250-line " + i)).isNull();
        assertThat(p.line("250 last").lines()).hasSize(ReplyParser.MAX_LINES);
        ReplyParser q = new ReplyParser();
        for (int i = 0; i < ReplyParser.MAX_LINES; i++) q.line("250-line " + i);
        assertThatThrownBy(() -> q.line("250 one too many")).isInstanceOf(ReplyParser.MalformedReplyException.class);
    }

    /**
     * RFC 5321 §4.2: Reply-code = %x32-35 %x30-35 %x30-39, ASCII digits. Found by
     * SmtpParserFuzzTest.reply (seed reply-nko-digit): "45\u07C6 7" was taken as reply 456,
     * because Character.isDigit and Integer.parseInt accept any Unicode digit.
     */
    @Test
    void replyCodesAreAsciiDigits() {
        assertThatThrownBy(() -> new ReplyParser().line("45\u07C6 7")).isInstanceOf(ReplyParser.MalformedReplyException.class);
        assertThatThrownBy(() -> new ReplyParser().line("\u0662\u0665\u0660 ok")).isInstanceOf(ReplyParser.MalformedReplyException.class);
    }

    @Test
    void ehloKeywords() {
        EhloCapabilities c = EhloCapabilities.parse(new SmtpReply(250, List.of("mx.test", "pipelining", "SIZE 52428800",
                "AUTH PLAIN login", "AUTH=LOGIN", "8BITMIME")));
        assertThat(c.has("PIPELINING")).isTrue();
        assertThat(c.has("STARTTLS")).isFalse();
        assertThat(c.maxSize()).isEqualTo(52428800);
        assertThat(c.authMechanisms()).containsExactly("LOGIN"); // the later AUTH= line replaces the keyword's parameters
        assertThat(EhloCapabilities.parse(new SmtpReply(250, List.of("x", "SIZE"))).maxSize()).isZero();
        assertThat(EhloCapabilities.NONE.maxSize()).isEqualTo(-1);
    }

    @Test
    void mailAndRcptParameters() {
        assertThat(ClientCommands.mailFrom("", 0, null, false, null, null)).isEqualTo("MAIL FROM:<>");
        assertThat(ClientCommands.mailFrom("a@b", 123, ClientCommands.Body.EIGHT_BIT_MIME, true, "FULL", "a b+c=d"))
                .isEqualTo("MAIL FROM:<a@b> SIZE=123 BODY=8BITMIME SMTPUTF8 RET=FULL ENVID=a+20b+2Bc+3Dd");
        assertThat(ClientCommands.rcptTo("u@d", List.of("FAILURE", "DELAY"), "rfc822;u\u00e9@d"))
                .isEqualTo("RCPT TO:<u@d> NOTIFY=FAILURE,DELAY ORCPT=rfc822;u+C3+A9@d");
        assertThatThrownBy(() -> ClientCommands.rcptTo("u@d\r\nRSET", List.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String encode(String in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataEncoder e = new DataEncoder(out);
        e.write(in.getBytes(StandardCharsets.ISO_8859_1));
        e.finish();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void dotStuffingAndLineEnds() throws Exception {
        assertThat(encode("a\r\n.b\r\n..c\r\n.\r\n")).isEqualTo("a\r\n..b\r\n...c\r\n..\r\n.\r\n");
        assertThat(encode(".first")).isEqualTo("..first\r\n.\r\n");
        assertThat(encode("x\ny\rz\r")).isEqualTo("x\r\ny\r\nz\r\n.\r\n");
        assertThat(encode("x\r\n.\r\ny\n.\nz")).isEqualTo("x\r\n..\r\ny\r\n..\r\nz\r\n.\r\n"); // no early end, bare or not
        assertThat(encode("")).isEqualTo(".\r\n");
    }

    @Test
    void longLinesAreBrokenAt998() throws Exception {
        String header = "X: " + "h".repeat(2000);
        String body = "." + "b".repeat(997) + ".c";
        String out = encode(header + "\r\n\r\n" + body + "\r\n");
        String[] lines = out.split("\r\n");
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(998));
        assertThat(lines[1]).startsWith(" h");
        assertThat(lines[2]).startsWith(" h");
        assertThat(lines[3]).isEmpty();
        assertThat(lines[4]).isEqualTo(".." + "b".repeat(996)); // stuffed dot + 996 = 998
        assertThat(lines[5]).isEqualTo("b.c"); // the continuation begins with "b"; its "." is not at a line start
        assertThat(encode("\r\n" + "x".repeat(998) + ".y")).isEqualTo("\r\n" + "x".repeat(998) + "\r\n..y\r\n.\r\n");
    }
}
