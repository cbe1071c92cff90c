package dev.surel.protocol.smtp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.surel.protocol.smtp.SmtpCommand.Address;
import dev.surel.protocol.smtp.SmtpCommand.MailParams;
import dev.surel.protocol.smtp.client.ClientCommands;
import dev.surel.protocol.smtp.client.ReplyParser;
import dev.surel.protocol.smtp.client.SmtpReply;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzz targets for SMTP (docs/fuzzing.md): the server's command parser {@link SmtpParser} and the
 * delivery client's {@link ReplyParser}. Without {@code JAZZER_FUZZ} they replay
 * {@code SmtpParserFuzzTestInputs/<method>}; {@code ./fuzz smtp} and {@code ./fuzz smtp-reply}
 * fuzz them.
 */
class SmtpParserFuzzTest {

    /**
     * Any line is a command or an {@link SmtpSyntaxException} whose reply is one of the documented
     * refusals (500/501/553/555 with a matching enhanced code) and has no control characters. A
     * command's strings hold no CR, LF or NUL (the {@link SmtpCommand} contract), and the command
     * written back (MAIL and RCPT by the delivery client's own writer, {@link ClientCommands})
     * parses to the same command.
     */
    @FuzzTest(maxDuration = "5s")
    void parse(byte[] line) {
        SmtpCommand c;
        try {
            c = SmtpParser.parse(line);
        } catch (SmtpSyntaxException e) {
            var r = e.reply();
            check(Set.of(500, 501, 553, 555).contains(r.code()), "unexpected refusal code " + r.code());
            for (String w : r.wireLines()) check(w.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f), "control character in a reply");
            return;
        }
        checkClean(c.toString(), c);
        String again = render(c);
        SmtpCommand reparsed;
        try {
            reparsed = SmtpParser.parse(again.getBytes(StandardCharsets.UTF_8));
        } catch (SmtpSyntaxException e) {
            throw new AssertionError("rendered " + c + " as \"" + again + "\", which is refused: " + e.getMessage());
        }
        check(reparsed.equals(expectedAfterRender(c)), "not a fixed point: " + c + " -> \"" + again + "\" -> " + reparsed);
    }

    /**
     * Reply lines (split at LF, a CR before it dropped, decoded as the client does) are gathered
     * into replies or refused with {@link ReplyParser.MalformedReplyException}, after which the
     * client drops the connection. A reply has a code 200..599 written as three ASCII digits
     * (RFC 5321 §4.2 Reply-code), at least one line, no control characters, and an enhanced
     * status of the reply's class (for 2xx, 4xx and 5xx).
     */
    @FuzzTest(maxDuration = "5s")
    void reply(byte[] data) {
        ReplyParser p = new ReplyParser();
        String text = new String(data, StandardCharsets.UTF_8);
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            SmtpReply r;
            try {
                r = p.line(line);
            } catch (ReplyParser.MalformedReplyException e) {
                return;
            }
            check(line.length() >= 3 && line.chars().limit(3).allMatch(ch -> ch >= '0' && ch <= '9'),
                    "accepted a reply line without a three-digit code: " + line);
            if (r == null) continue;
            check(r.code() >= 200 && r.code() <= 599 && !r.lines().isEmpty(), "bad reply " + r);
            for (String l : r.lines()) check(l.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f), "control character in reply text");
            if (r.code() / 100 == 3) continue; // 354 and 334 carry no enhanced status (RFC 3463 §3 has classes 2, 4, 5)
            String st = r.status();
            check(st.matches("[245]\\.\\d{1,3}\\.\\d{1,3}") && st.charAt(0) - '0' == r.code() / 100, "status " + st + " for " + r.code());
        }
    }

    /** The command as a client sends it; MAIL and RCPT through {@link ClientCommands}. */
    static String render(SmtpCommand c) {
        return switch (c) {
            case SmtpCommand.Ehlo e -> "EHLO " + e.domain();
            case SmtpCommand.Helo h -> "HELO " + h.domain();
            case SmtpCommand.Mail m -> {
                MailParams p = m.params();
                ClientCommands.Body body = p.body().map(b -> switch (b) {
                    case SEVEN_BIT -> ClientCommands.Body.SEVEN_BIT;
                    case EIGHT_BIT_MIME -> ClientCommands.Body.EIGHT_BIT_MIME;
                    case BINARY_MIME -> ClientCommands.Body.BINARY_MIME;
                }).orElse(null);
                yield ClientCommands.mailFrom(bare(m.from()), p.size().orElse(0L), body, p.smtputf8(),
                        p.ret().map(Enum::name).orElse(null), p.envid().orElse(null));
            }
            case SmtpCommand.Rcpt r -> ClientCommands.rcptTo(bare(r.to()),
                    r.params().notifyOn().stream().sorted().map(Enum::name).toList(), r.params().orcpt().orElse(null));
            case SmtpCommand.Data d -> "DATA";
            case SmtpCommand.Bdat b -> "BDAT " + b.size() + (b.last() ? " LAST" : "");
            case SmtpCommand.Rset r -> "RSET";
            case SmtpCommand.Noop n -> "NOOP";
            case SmtpCommand.Quit q -> "QUIT";
            case SmtpCommand.Help h -> "HELP" + h.topic().map(t -> " " + t).orElse("");
            case SmtpCommand.Vrfy v -> "VRFY " + v.argument();
            case SmtpCommand.Expn e -> "EXPN " + e.argument();
            case SmtpCommand.StartTls s -> "STARTTLS";
            case SmtpCommand.Auth a -> "AUTH " + a.mechanism() + a.initialResponse().map(r -> " " + r).orElse("");
        };
    }

    /** What {@link #render} can say: the client writer sends no SIZE=0 and no AUTH=. */
    static SmtpCommand expectedAfterRender(SmtpCommand c) {
        if (c instanceof SmtpCommand.Mail(Address from, MailParams p)) {
            return new SmtpCommand.Mail(from, new MailParams(p.size().filter(s -> s > 0), p.body(), p.smtputf8(), p.ret(),
                    p.envid(), Optional.empty()));
        }
        return c;
    }

    /** The path without its angle brackets, as {@link ClientCommands} takes it. */
    private static String bare(Address a) {
        String p = a.path();
        return p.substring(1, p.length() - 1);
    }

    private static void checkClean(String s, SmtpCommand c) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            check(ch != '\r' && ch != '\n' && ch != 0, "CR, LF or NUL in " + c.getClass().getSimpleName());
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }
}
