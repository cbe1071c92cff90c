package dev.surel.protocol.smtp;

import dev.surel.protocol.smtp.SmtpCommand.Address;
import dev.surel.protocol.smtp.SmtpCommand.Body;
import dev.surel.protocol.smtp.SmtpCommand.MailParams;
import dev.surel.protocol.smtp.SmtpCommand.Notify;
import dev.surel.protocol.smtp.SmtpCommand.RcptParams;
import dev.surel.protocol.smtp.SmtpCommand.Ret;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses one SMTP command line (without its CRLF) into a {@link SmtpCommand}: pure, no state.
 *
 * <p>Grammar (RFC 5321 §4.1.1, §4.1.2): verbs are case-insensitive; paths are
 * {@code "<" [ A-d-l ":" ] Mailbox ">"} where a source route (A-d-l) is accepted and ignored
 * (RFC 5321 §4.1.1.3, Appendix C); the local part is a Dot-string or a Quoted-string;
 * the domain a host name or an address literal. Non-ASCII text in addresses and parameter values
 * is UTF-8 (RFC 6531 §3.3): the parser accepts it, the session refuses it without the SMTPUTF8
 * parameter. Be liberal where common clients deviate: a space after {@code "FROM:"} / {@code "TO:"}
 * is accepted. ESMTP parameters (RFC 5321 §4.1.2 {@code esmtp-param}) are typed: MAIL SIZE
 * (RFC 1870), BODY (RFC 6152, RFC 3030), SMTPUTF8 (RFC 6531), RET and ENVID (RFC 3461 §4.3,
 * §4.4), AUTH (RFC 4954 §5); RCPT NOTIFY and ORCPT (RFC 3461 §4.1, §4.2). A parameter given
 * twice or with a bad value is {@code 501 5.5.4}; an unknown one {@code 555 5.5.4}.
 *
 * <p>Every refusal is a {@link SmtpSyntaxException} carrying its reply; the reply text never
 * contains the peer's bytes.
 */
public final class SmtpParser {

    /** RFC 3461 §4.4: ENVID at most 100 characters; RFC 3461 §4.2: ORCPT at most 500. */
    static final int MAX_ENVID = 100;
    static final int MAX_ORCPT = 500;

    private SmtpParser() {
    }

    /** Parses a line of octets (decoded as UTF-8; invalid UTF-8 is a syntax error). */
    public static SmtpCommand parse(byte[] line) throws SmtpSyntaxException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw SmtpSyntaxException.syntax("Syntax error: command line is not UTF-8");
        }
        return parse(text);
    }

    /** Parses a command line. */
    public static SmtpCommand parse(String line) throws SmtpSyntaxException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) throw SmtpSyntaxException.syntax("Syntax error: control character in command");
        }
        int sp = line.indexOf(' ');
        String verb = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
        String arg = sp < 0 ? "" : line.substring(sp + 1);
        return switch (verb) {
            case "EHLO" -> new SmtpCommand.Ehlo(domainArg(arg, "EHLO"));
            case "HELO" -> new SmtpCommand.Helo(domainArg(arg, "HELO"));
            case "MAIL" -> mail(arg);
            case "RCPT" -> rcpt(arg);
            case "DATA" -> noArgs(arg, new SmtpCommand.Data());
            case "BDAT" -> bdat(arg);
            case "RSET" -> noArgs(arg, new SmtpCommand.Rset());
            case "NOOP" -> new SmtpCommand.Noop();
            case "QUIT" -> noArgs(arg, new SmtpCommand.Quit());
            case "HELP" -> new SmtpCommand.Help(arg.isBlank() ? Optional.empty() : Optional.of(arg.strip()));
            case "VRFY" -> new SmtpCommand.Vrfy(required(arg, "VRFY"));
            case "EXPN" -> new SmtpCommand.Expn(required(arg, "EXPN"));
            case "STARTTLS" -> noArgs(arg, new SmtpCommand.StartTls());
            case "AUTH" -> auth(arg);
            default -> throw SmtpSyntaxException.syntax("Syntax error, command unrecognized");
        };
    }

    private static String required(String arg, String verb) throws SmtpSyntaxException {
        if (arg.isBlank()) throw SmtpSyntaxException.params("Syntax: " + verb + " <argument>");
        return arg.strip();
    }

    private static <T extends SmtpCommand> T noArgs(String arg, T cmd) throws SmtpSyntaxException {
        if (!arg.isBlank()) throw SmtpSyntaxException.params("Syntax error: no arguments allowed");
        return cmd;
    }

    /**
     * EHLO/HELO argument: the first word (a domain or address literal); anything printable is
     * tolerated. Words end at SP or HTAB: a domain holds neither (RFC 5321 §4.1.2).
     */
    private static String domainArg(String arg, String verb) throws SmtpSyntaxException {
        String a = arg.strip();
        if (a.isEmpty()) throw SmtpSyntaxException.params("Syntax: " + verb + " <domain>");
        int end = 0;
        while (end < a.length() && a.charAt(end) != ' ' && a.charAt(end) != '\t') end++;
        return a.substring(0, end);
    }

    private static SmtpCommand bdat(String arg) throws SmtpSyntaxException {
        String[] f = arg.strip().split(" +");
        if (f.length < 1 || f.length > 2 || f[0].isEmpty() || !f[0].chars().allMatch(c -> c >= '0' && c <= '9') || f[0].length() > 18) {
            throw SmtpSyntaxException.params("Syntax: BDAT <size> [LAST]");
        }
        boolean last = false;
        if (f.length == 2) {
            if (!f[1].equalsIgnoreCase("LAST")) throw SmtpSyntaxException.params("Syntax: BDAT <size> [LAST]");
            last = true;
        }
        return new SmtpCommand.Bdat(Long.parseLong(f[0]), last);
    }

    private static SmtpCommand auth(String arg) throws SmtpSyntaxException {
        String[] f = arg.strip().split(" +");
        if (f.length < 1 || f.length > 2 || f[0].isEmpty()) throw SmtpSyntaxException.params("Syntax: AUTH <mechanism> [initial-response]");
        String mech = f[0].toUpperCase(Locale.ROOT);
        if (!mech.matches("[A-Z0-9_-]{1,20}")) throw SmtpSyntaxException.params("Syntax: AUTH <mechanism> [initial-response]");
        Optional<String> ir = Optional.empty();
        if (f.length == 2) {
            if (!f[1].matches("[A-Za-z0-9+/]*={0,2}")) throw SmtpSyntaxException.params("Initial response is not base64");
            ir = Optional.of(f[1]);
        }
        return new SmtpCommand.Auth(mech, ir);
    }

    // ------------------------------------------------------------------ MAIL / RCPT

    private static SmtpCommand mail(String arg) throws SmtpSyntaxException {
        String rest = prefix(arg, "FROM:", "Syntax: MAIL FROM:<address> [parameters]");
        Cursor c = new Cursor(rest);
        Address from = path(c, true, false, "5.1.7");
        MailParams p = mailParams(params(c));
        return new SmtpCommand.Mail(from, p);
    }

    private static SmtpCommand rcpt(String arg) throws SmtpSyntaxException {
        String rest = prefix(arg, "TO:", "Syntax: RCPT TO:<address> [parameters]");
        Cursor c = new Cursor(rest);
        Address to = path(c, false, true, "5.1.3");
        RcptParams p = rcptParams(params(c));
        return new SmtpCommand.Rcpt(to, p);
    }

    private static String prefix(String arg, String prefix, String usage) throws SmtpSyntaxException {
        if (arg.length() < prefix.length() || !arg.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw SmtpSyntaxException.params(usage);
        }
        String rest = arg.substring(prefix.length());
        int i = 0;
        while (i < rest.length() && rest.charAt(i) == ' ') i++;
        return rest.substring(i);
    }

    /** A mutable position in the argument text. */
    private static final class Cursor {
        final String s;
        int i;

        Cursor(String s) {
            this.s = s;
        }

        boolean end() {
            return i >= s.length();
        }

        char peek() {
            return s.charAt(i);
        }
    }

    /**
     * RFC 5321 §4.1.2 Reverse-path / Forward-path. {@code allowNull}: {@code <>} (MAIL);
     * {@code allowPostmaster}: {@code <Postmaster>} without a domain (RCPT, §4.1.1.3).
     */
    private static Address path(Cursor c, boolean allowNull, boolean allowPostmaster, String status) throws SmtpSyntaxException {
        SmtpSyntaxException bad = new SmtpSyntaxException(501, status, allowNull ? "Bad sender address syntax" : "Bad recipient address syntax");
        if (c.end() || c.peek() != '<') throw bad;
        c.i++;
        if (!c.end() && c.peek() == '>') {
            c.i++;
            if (!allowNull) throw bad;
            return Address.NULL;
        }
        // source route: "@" domain *( "," "@" domain ) ":" -- accepted and ignored (RFC 5321 §4.1.1.3, Appendix C)
        if (!c.end() && c.peek() == '@') {
            int colon = c.s.indexOf(':', c.i);
            if (colon < 0) throw bad;
            for (String hop : c.s.substring(c.i, colon).split(",", -1)) {
                if (hop.length() < 2 || hop.charAt(0) != '@' || !isDomain(hop.substring(1))) throw bad;
            }
            c.i = colon + 1;
        }
        String local;
        boolean quoted = false;
        if (!c.end() && c.peek() == '"') {
            local = quotedString(c, bad);
            quoted = true;
        } else {
            int start = c.i;
            while (!c.end() && c.peek() != '@' && c.peek() != '>') c.i++;
            local = c.s.substring(start, c.i);
            if (!isDotString(local)) throw bad;
        }
        if (local.getBytes(StandardCharsets.UTF_8).length > 64) throw new SmtpSyntaxException(501, status, "Local part too long");
        if (c.end()) throw bad;
        if (c.peek() == '>') {
            c.i++;
            if (allowPostmaster && !quoted && local.equalsIgnoreCase("postmaster")) return new Address("postmaster", "", false);
            throw bad;
        }
        c.i++; // '@'
        int start = c.i;
        int close = c.s.indexOf('>', c.i);
        if (close < 0) throw bad;
        String domain = c.s.substring(start, close);
        if (!(isDomain(domain) || isAddressLiteral(domain))) throw bad;
        c.i = close + 1;
        return new Address(local, domain, quoted);
    }

    private static String quotedString(Cursor c, SmtpSyntaxException bad) throws SmtpSyntaxException {
        c.i++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (c.end()) throw bad;
            char ch = c.peek();
            c.i++;
            if (ch == '"') break;
            if (ch == '\\') {
                if (c.end()) throw bad;
                char q = c.peek();
                c.i++;
                if (q < 0x20 || q == 0x7f) throw bad; // quoted-pairSMTP = %d92 %d32-126
                b.append(q);
            } else if (ch >= 0x20 && ch != 0x7f) {
                b.append(ch); // qtextSMTP: %d32-33 / %d35-91 / %d93-126 (and UTF-8 with SMTPUTF8)
            } else {
                throw bad;
            }
        }
        return b.toString();
    }

    /** RFC 5321 §4.1.2 Dot-string: atoms of atext (and UTF-8, RFC 6531 §3.3) joined by single dots. */
    public static boolean isDotString(String s) {
        if (s.isEmpty()) return false;
        boolean dotAllowed = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '.') {
                if (!dotAllowed) return false;
                dotAllowed = false;
            } else if (atext(ch)) {
                dotAllowed = true;
            } else {
                return false;
            }
        }
        return dotAllowed;
    }

    /** The Quoted-string form of a local part (RFC 5321 §4.1.2). */
    public static String quote(String local) {
        StringBuilder b = new StringBuilder(local.length() + 2).append('"');
        for (int i = 0; i < local.length(); i++) {
            char ch = local.charAt(i);
            if (ch == '"' || ch == '\\') b.append('\\');
            b.append(ch);
        }
        return b.append('"').toString();
    }

    private static boolean atext(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(ch) >= 0 || ch >= 0x80 && !Character.isISOControl(ch) && !Character.isWhitespace(ch);
    }

    /** RFC 5321 §4.1.2 Domain: sub-domains of letters, digits and inner hyphens (U-labels: any non-ASCII letter). */
    static boolean isDomain(String d) {
        if (d.isEmpty() || d.length() > 255) return false;
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') return false;
            for (int i = 0; i < label.length(); i++) {
                char ch = label.charAt(i);
                boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-'
                        || (ch >= 0x80 && Character.isLetterOrDigit(ch));
                if (!ok) return false;
            }
        }
        return true;
    }

    /** RFC 5321 §4.1.3 address literal: {@code [IPv4]}, {@code [IPv6:...]} or a general literal {@code [tag:text]}. */
    static boolean isAddressLiteral(String d) {
        if (d.length() < 3 || d.charAt(0) != '[' || d.charAt(d.length() - 1) != ']') return false;
        String in = d.substring(1, d.length() - 1);
        if (in.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")) return true;
        int colon = in.indexOf(':');
        if (colon <= 0) return false;
        String tag = in.substring(0, colon);
        String content = in.substring(colon + 1);
        if (!tag.matches("[A-Za-z0-9-]*[A-Za-z0-9]") || content.isEmpty()) return false;
        if (tag.equalsIgnoreCase("IPv6")) return content.matches("[0-9A-Fa-f:.]+") && content.contains(":");
        return content.chars().allMatch(ch -> ch >= 33 && ch <= 126 && ch != '[' && ch != ']' && ch != '\\');
    }

    // ------------------------------------------------------------------ parameters

    /** A parameter: keyword upper-cased, value or null. */
    private record Param(String keyword, String value) { }

    private static java.util.List<Param> params(Cursor c) throws SmtpSyntaxException {
        java.util.List<Param> out = new java.util.ArrayList<>();
        String rest = c.s.substring(c.i);
        if (rest.isBlank()) return out;
        if (rest.charAt(0) != ' ') throw SmtpSyntaxException.params("Syntax error in parameters");
        for (String f : rest.strip().split(" +")) {
            int eq = f.indexOf('=');
            String kw = eq < 0 ? f : f.substring(0, eq);
            String val = eq < 0 ? null : f.substring(eq + 1);
            if (!kw.matches("[A-Za-z0-9][A-Za-z0-9-]*")) throw SmtpSyntaxException.params("Syntax error in parameters");
            if (val != null && (val.isEmpty() || val.indexOf('=') >= 0 && !kw.equalsIgnoreCase("AUTH") && !kw.equalsIgnoreCase("ENVID"))) {
                throw SmtpSyntaxException.params("Syntax error in parameter value");
            }
            out.add(new Param(kw.toUpperCase(Locale.ROOT), val));
        }
        Set<String> seen = new HashSet<>();
        for (Param p : out) {
            if (!seen.add(p.keyword())) throw SmtpSyntaxException.params("Parameter given twice");
        }
        return out;
    }

    private static MailParams mailParams(java.util.List<Param> ps) throws SmtpSyntaxException {
        Optional<Long> size = Optional.empty();
        Optional<Body> body = Optional.empty();
        boolean utf8 = false;
        Optional<Ret> ret = Optional.empty();
        Optional<String> envid = Optional.empty();
        Optional<String> auth = Optional.empty();
        boolean requireTls = false;
        for (Param p : ps) {
            String v = p.value();
            switch (p.keyword()) {
                case "SIZE" -> {
                    if (v == null || !v.matches("\\d{1,18}")) throw SmtpSyntaxException.params("Syntax: SIZE=<octets>");
                    size = Optional.of(Long.parseLong(v));
                }
                case "BODY" -> {
                    if (v == null) throw SmtpSyntaxException.params("Syntax: BODY=7BIT|8BITMIME|BINARYMIME");
                    body = Optional.of(switch (v.toUpperCase(Locale.ROOT)) {
                        case "7BIT" -> Body.SEVEN_BIT;
                        case "8BITMIME" -> Body.EIGHT_BIT_MIME;
                        case "BINARYMIME" -> Body.BINARY_MIME;
                        default -> throw SmtpSyntaxException.params("Syntax: BODY=7BIT|8BITMIME|BINARYMIME");
                    });
                }
                case "SMTPUTF8" -> {
                    if (v != null) throw SmtpSyntaxException.params("SMTPUTF8 takes no value");
                    utf8 = true;
                }
                case "RET" -> {
                    if (v == null) throw SmtpSyntaxException.params("Syntax: RET=FULL|HDRS");
                    ret = Optional.of(switch (v.toUpperCase(Locale.ROOT)) {
                        case "FULL" -> Ret.FULL;
                        case "HDRS" -> Ret.HDRS;
                        default -> throw SmtpSyntaxException.params("Syntax: RET=FULL|HDRS");
                    });
                }
                case "ENVID" -> {
                    if (v == null || v.length() > MAX_ENVID) throw SmtpSyntaxException.params("Syntax: ENVID=<xtext>, at most 100 characters");
                    envid = Optional.of(Xtext.decode(v).orElseThrow(() -> SmtpSyntaxException.params("ENVID is not xtext")));
                }
                case "REQUIRETLS" -> { // RFC 8689 §3: no value
                    if (v != null) throw SmtpSyntaxException.params("REQUIRETLS takes no value");
                    requireTls = true;
                }
                case "AUTH" -> {
                    if (v == null) throw SmtpSyntaxException.params("Syntax: AUTH=<mailbox>|<>");
                    auth = Optional.of(v.equals("<>") ? v : Xtext.decode(v).orElseThrow(() -> SmtpSyntaxException.params("AUTH= is not xtext")));
                }
                default -> throw SmtpSyntaxException.unknownParam("Unsupported MAIL parameter");
            }
        }
        return new MailParams(size, body, utf8, ret, envid, auth, requireTls);
    }

    private static RcptParams rcptParams(java.util.List<Param> ps) throws SmtpSyntaxException {
        Set<Notify> notify = EnumSet.noneOf(Notify.class);
        Optional<String> orcpt = Optional.empty();
        for (Param p : ps) {
            String v = p.value();
            switch (p.keyword()) {
                case "NOTIFY" -> {
                    if (v == null) throw SmtpSyntaxException.params("Syntax: NOTIFY=NEVER|SUCCESS,FAILURE,DELAY");
                    for (String n : v.split(",", -1)) {
                        Notify x = switch (n.toUpperCase(Locale.ROOT)) {
                            case "NEVER" -> Notify.NEVER;
                            case "SUCCESS" -> Notify.SUCCESS;
                            case "FAILURE" -> Notify.FAILURE;
                            case "DELAY" -> Notify.DELAY;
                            default -> throw SmtpSyntaxException.params("Syntax: NOTIFY=NEVER|SUCCESS,FAILURE,DELAY");
                        };
                        if (!notify.add(x)) throw SmtpSyntaxException.params("NOTIFY value given twice");
                    }
                    if (notify.contains(Notify.NEVER) && notify.size() > 1) throw SmtpSyntaxException.params("NOTIFY=NEVER stands alone");
                }
                case "ORCPT" -> {
                    if (v == null || v.length() > MAX_ORCPT) throw SmtpSyntaxException.params("Syntax: ORCPT=<addr-type>;<xtext>");
                    int semi = v.indexOf(';');
                    if (semi <= 0 || !v.substring(0, semi).matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
                        throw SmtpSyntaxException.params("Syntax: ORCPT=<addr-type>;<xtext>");
                    }
                    String addr = Xtext.decode(v.substring(semi + 1)).orElseThrow(() -> SmtpSyntaxException.params("ORCPT address is not xtext"));
                    orcpt = Optional.of(v.substring(0, semi) + ";" + addr);
                }
                default -> throw SmtpSyntaxException.unknownParam("Unsupported RCPT parameter");
            }
        }
        return new RcptParams(notify, orcpt);
    }
}
