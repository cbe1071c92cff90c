package dev.surel.protocol.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.protocol.smtp.SmtpCommand.Address;
import dev.surel.protocol.smtp.SmtpCommand.Body;
import dev.surel.protocol.smtp.SmtpCommand.MailParams;
import dev.surel.protocol.smtp.SmtpCommand.Notify;
import dev.surel.protocol.smtp.SmtpCommand.RcptParams;
import dev.surel.protocol.smtp.SmtpCommand.Ret;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Table tests: raw line -> command record, or raw line -> reply. */
class SmtpParserTest {

    static Stream<Arguments> good() {
        return Stream.of(
                Arguments.of("EHLO client.example.org", new SmtpCommand.Ehlo("client.example.org")),
                Arguments.of("ehlo [192.0.2.1]", new SmtpCommand.Ehlo("[192.0.2.1]")),
                Arguments.of("HELO x", new SmtpCommand.Helo("x")),
                Arguments.of("MAIL FROM:<>", new SmtpCommand.Mail(Address.NULL, MailParams.NONE)),
                Arguments.of("mail from:<a@b.example>", new SmtpCommand.Mail(new Address("a", "b.example", false), MailParams.NONE)),
                Arguments.of("MAIL FROM: <a@b.example>", new SmtpCommand.Mail(new Address("a", "b.example", false), MailParams.NONE)),
                Arguments.of("MAIL FROM:<@hop1,@hop2.example:joe@example.org>",
                        new SmtpCommand.Mail(new Address("joe", "example.org", false), MailParams.NONE)),
                Arguments.of("MAIL FROM:<\"john doe\"@example.org>",
                        new SmtpCommand.Mail(new Address("john doe", "example.org", true), MailParams.NONE)),
                Arguments.of("MAIL FROM:<\"a\\\"b\"@example.org>",
                        new SmtpCommand.Mail(new Address("a\"b", "example.org", true), MailParams.NONE)),
                Arguments.of("MAIL FROM:<a@[192.0.2.1]>", new SmtpCommand.Mail(new Address("a", "[192.0.2.1]", false), MailParams.NONE)),
                Arguments.of("MAIL FROM:<a@[IPv6:2001:db8::1]>", new SmtpCommand.Mail(new Address("a", "[IPv6:2001:db8::1]", false), MailParams.NONE)),
                Arguments.of("MAIL FROM:<a@b.example> SIZE=1000 BODY=8BITMIME",
                        new SmtpCommand.Mail(new Address("a", "b.example", false),
                                new MailParams(Optional.of(1000L), Optional.of(Body.EIGHT_BIT_MIME), false, Optional.empty(), Optional.empty(), Optional.empty()))),
                Arguments.of("MAIL FROM:<ü@bücher.example> SMTPUTF8 body=binarymime RET=HDRS ENVID=QQ+2B1 AUTH=a+2Bb@x.example",
                        new SmtpCommand.Mail(new Address("ü", "bücher.example", false),
                                new MailParams(Optional.empty(), Optional.of(Body.BINARY_MIME), true, Optional.of(Ret.HDRS),
                                        Optional.of("QQ+1"), Optional.of("a+b@x.example")))),
                Arguments.of("MAIL FROM:<a@b.example> REQUIRETLS", new SmtpCommand.Mail(new Address("a", "b.example", false), // RFC 8689 §3
                        new MailParams(Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), true))),
                Arguments.of("MAIL FROM:<a@b.example> AUTH=<>", new SmtpCommand.Mail(new Address("a", "b.example", false),
                        new MailParams(Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.of("<>")))),
                Arguments.of("RCPT TO:<Postmaster>", new SmtpCommand.Rcpt(new Address("postmaster", "", false), RcptParams.NONE)),
                Arguments.of("RCPT TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob+2Bx@example.org",
                        new SmtpCommand.Rcpt(new Address("bob", "example.org", false),
                                new RcptParams(Set.of(Notify.SUCCESS, Notify.FAILURE), Optional.of("rfc822;bob+x@example.org")))),
                Arguments.of("RCPT TO:<bob@example.org> notify=never", new SmtpCommand.Rcpt(new Address("bob", "example.org", false),
                        new RcptParams(Set.of(Notify.NEVER), Optional.empty()))),
                Arguments.of("DATA", new SmtpCommand.Data()),
                Arguments.of("BDAT 1000", new SmtpCommand.Bdat(1000, false)),
                Arguments.of("bdat 0 last", new SmtpCommand.Bdat(0, true)),
                Arguments.of("RSET", new SmtpCommand.Rset()),
                Arguments.of("NOOP anything", new SmtpCommand.Noop()),
                Arguments.of("QUIT", new SmtpCommand.Quit()),
                Arguments.of("HELP", new SmtpCommand.Help(Optional.empty())),
                Arguments.of("HELP MAIL", new SmtpCommand.Help(Optional.of("MAIL"))),
                Arguments.of("VRFY alice", new SmtpCommand.Vrfy("alice")),
                Arguments.of("EXPN list", new SmtpCommand.Expn("list")),
                Arguments.of("STARTTLS", new SmtpCommand.StartTls()),
                Arguments.of("AUTH plain", new SmtpCommand.Auth("PLAIN", Optional.empty())),
                Arguments.of("AUTH PLAIN AGFsaWNlAHB3", new SmtpCommand.Auth("PLAIN", Optional.of("AGFsaWNlAHB3"))),
                Arguments.of("AUTH PLAIN =", new SmtpCommand.Auth("PLAIN", Optional.of("="))));
    }

    @ParameterizedTest
    @MethodSource("good")
    void parses(String line, SmtpCommand expected) throws Exception {
        assertThat(SmtpParser.parse(line)).isEqualTo(expected);
        assertThat(SmtpParser.parse(line.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "FOO|500 5.5.2",
            "''|500 5.5.2",
            "EHLO|501 5.5.4",
            "MAIL TO:<a@b.example>|501 5.5.4",
            "MAIL FROM:a@b.example|501 5.1.7",
            "MAIL FROM:<a@b.example|501 5.1.7",
            "MAIL FROM:<a..b@b.example>|501 5.1.7",
            "MAIL FROM:<a@-b.example>|501 5.1.7",
            "MAIL FROM:<a@b..example>|501 5.1.7",
            "MAIL FROM:<a>|501 5.1.7",
            "MAIL FROM:<a b@example.org>|501 5.1.7",
            "MAIL FROM:<a@b.example>SIZE=1|501 5.5.4",
            "MAIL FROM:<a@b.example> SIZE=x|501 5.5.4",
            "MAIL FROM:<a@b.example> SIZE=1 SIZE=2|501 5.5.4",
            "MAIL FROM:<a@b.example> BODY=9BIT|501 5.5.4",
            "MAIL FROM:<a@b.example> SMTPUTF8=yes|501 5.5.4",
            "MAIL FROM:<a@b.example> REQUIRETLS=yes|501 5.5.4",
            "MAIL FROM:<a@b.example> RET=ALL|501 5.5.4",
            "MAIL FROM:<a@b.example> ENVID=a+zz|501 5.5.4",
            "MAIL FROM:<a@b.example> FROBNICATE=1|555 5.5.4",
            "MAIL FROM:<a@b.example> XYZ|555 5.5.4",
            "RCPT TO:<>|501 5.1.3",
            "RCPT TO:<postmaster@>|501 5.1.3",
            "RCPT TO:<b@example.org> NOTIFY=NEVER,SUCCESS|501 5.5.4",
            "RCPT TO:<b@example.org> NOTIFY=SOMETIMES|501 5.5.4",
            "RCPT TO:<b@example.org> ORCPT=bob@example.org|501 5.5.4",
            "RCPT TO:<b@example.org> SIZE=10|555 5.5.4",
            "DATA now|501 5.5.4",
            "BDAT|501 5.5.4",
            "BDAT -1|501 5.5.4",
            "BDAT 10 FIRST|501 5.5.4",
            "BDAT 9999999999999999999|501 5.5.4",
            "VRFY|501 5.5.4",
            "AUTH|501 5.5.4",
            "AUTH PLAIN !!!|501 5.5.4",
            "STARTTLS now|501 5.5.4",
    })
    void refuses(String line, String reply) {
        assertThatThrownBy(() -> SmtpParser.parse(line)).isInstanceOfSatisfying(SmtpSyntaxException.class,
                e -> assertThat(e.reply().wire()).startsWith(reply + " "));
    }

    @Test
    void controlCharactersAreSyntaxErrors() {
        for (String line : new String[] {"MAIL FROM:<a@b.example>\u0000", "NOOP \r", "RCPT TO:<a\u0001@b.example>"}) {
            assertThatThrownBy(() -> SmtpParser.parse(line)).isInstanceOfSatisfying(SmtpSyntaxException.class,
                    e -> assertThat(e.reply().wire()).startsWith("500 5.5.2"));
        }
    }

    /**
     * Found by SmtpParserFuzzTest.parse (seed smtp-helo-tab): the EHLO/HELO domain was cut at the
     * first space only, so a TAB stayed inside it (and in the Received: header built from it) and
     * the command did not survive being written back. A TAB is whitespace like SP; a domain holds
     * neither (RFC 5321 §4.1.1.1, §4.1.2).
     */
    @Test
    void ehloDomainEndsAtAnyWhitespace() throws Exception {
        assertThat(SmtpParser.parse("EHLO a.example\tjunk")).isEqualTo(new SmtpCommand.Ehlo("a.example"));
        assertThat(SmtpParser.parse("HELO ]]]\tLtHLA]MP]]\t TO:<b")).isEqualTo(new SmtpCommand.Helo("]]]"));
        assertThat(SmtpParser.parse("EHLO \tb.example")).isEqualTo(new SmtpCommand.Ehlo("b.example"));
    }

    /**
     * Found by SmtpParserFuzzTest.parse (seed smtp-envid-nul): xtext {@code +00} put a NUL into
     * ENVID (and ORCPT), which the command promises never to hold (it goes into DSNs and logs).
     */
    @Test
    void xtextNulIsRefused() {
        assertThatThrownBy(() -> SmtpParser.parse("MAIL FROM:<a@le>  ENVID=QQ+00314")).isInstanceOfSatisfying(
                SmtpSyntaxException.class, e -> assertThat(e.reply().wire()).startsWith("501 5.5.4"));
        assertThatThrownBy(() -> SmtpParser.parse("RCPT TO:<a@b.example> ORCPT=rfc822;a+00@b.example")).isInstanceOfSatisfying(
                SmtpSyntaxException.class, e -> assertThat(e.reply().wire()).startsWith("501 5.5.4"));
    }

    /**
     * Found by SmtpParserFuzzTest.parse (seed smtp-orcpt-not-utf8): xtext octets that are not
     * UTF-8 were turned into U+FFFD, so the ORCPT (or ENVID) a DSN would report was not the one
     * the client sent, and written back it grew past the 500-character limit. Now 501 5.5.4.
     */
    @Test
    void xtextThatIsNotUtf8IsRefused() {
        assertThatThrownBy(() -> SmtpParser.parse("RCPT TO:<bob@35> ORCPT=6;o+bf+bA")).isInstanceOfSatisfying(
                SmtpSyntaxException.class, e -> assertThat(e.reply().wire()).startsWith("501 5.5.4"));
        assertThatThrownBy(() -> SmtpParser.parse("MAIL FROM:<a@b.example> ENVID=x+FF")).isInstanceOfSatisfying(
                SmtpSyntaxException.class, e -> assertThat(e.reply().wire()).startsWith("501 5.5.4"));
    }

    @Test
    void invalidUtf8IsASyntaxError() {
        byte[] line = {'M', 'A', 'I', 'L', ' ', 'F', 'R', 'O', 'M', ':', '<', (byte) 0xff, '@', 'x', '>'};
        assertThatThrownBy(() -> SmtpParser.parse(line)).isInstanceOfSatisfying(SmtpSyntaxException.class,
                e -> assertThat(e.reply().wire()).startsWith("500 5.5.2"));
    }

    @Test
    void refusalsNeverQuoteThePeer() {
        assertThatThrownBy(() -> SmtpParser.parse("MAIL FROM:<evil\u00e9@x> X-INJECT=1"))
                .isInstanceOfSatisfying(SmtpSyntaxException.class, e -> assertThat(e.reply().wire()).doesNotContain("evil", "INJECT"));
    }

    @Test
    void addressesAreRequotedOnTheWire() throws Exception {
        SmtpCommand.Mail m = (SmtpCommand.Mail) SmtpParser.parse("MAIL FROM:<\"john doe\"@example.org>");
        assertThat(m.from().path()).isEqualTo("<\"john doe\"@example.org>");
        assertThat(m.from().mailbox()).isEqualTo("john doe@example.org");
        assertThat(Address.NULL.path()).isEqualTo("<>");
        assertThat(new Address("ü", "bücher.example", false).isInternational()).isTrue();
        assertThat(new Address("u", "b.example", false).isInternational()).isFalse();
    }
}
