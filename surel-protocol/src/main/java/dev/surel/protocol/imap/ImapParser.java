package dev.surel.protocol.imap;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The pure IMAP command parser: {@link ImapInput} (a line plus literals) to a typed
 * {@link ImapCommand}, following the formal syntax of RFC 9051 §9 (and RFC 3501 §9 for the
 * IMAP4rev1-only forms), RFC 4315 (UID EXPUNGE), RFC 5258 (LIST-EXTENDED), RFC 5819
 * (LIST-STATUS), RFC 6154 (CREATE USE), RFC 2971 (ID), RFC 9208 (QUOTA), RFC 3502
 * (MULTIAPPEND), RFC 4959 (SASL-IR), RFC 6851 (MOVE), RFC 3691 (UNSELECT), RFC 7162
 * (CONDSTORE, QRESYNC). Also RFC 4731 (SEARCH RETURN), RFC 5182 ({@code $}), RFC 3516 (BINARY
 * items, literal8 in APPEND) and RFC 6855 §4 (APPEND UTF8).
 *
 * <p>This class reads the tag and the command name and hands the arguments to the parser of the
 * command's family, one {@code case} per command: {@link AnyStateParser} (ID, AUTHENTICATE,
 * LOGIN, ENABLE), {@link MailboxParser} (SELECT, EXAMINE, CREATE, ..., APPEND, quota),
 * {@link SelectedStateParser} (EXPUNGE, COPY, MOVE, STORE), {@link FetchParser},
 * {@link SearchParser}; all of them read through one {@link CommandCursor}.
 *
 * <p>Invariants: no I/O, no state between calls; every error is a {@link ParseResult.Bad} whose
 * text is the parser's own (no client bytes echoed); nesting of parenthesised lists and search
 * keys is bounded by {@code maxDepth}. Keywords are case-insensitive.
 */
public final class ImapParser {

    /** Deepest nesting of parentheses / NOT / OR accepted by default. */
    public static final int DEFAULT_MAX_DEPTH = 32;

    private static final Pattern SEARCH_RETURN = Pattern.compile("^\\S+ (?:UID )?SEARCH RETURN \\(([^)]*)\\)");

    /** The commands that UID may precede (RFC 9051 §6.4.9, RFC 4315, RFC 6851). */
    private static final List<String> UID_COMMANDS = List.of("COPY", "MOVE", "FETCH", "SEARCH", "STORE", "EXPUNGE");

    private final SearchParser search;

    public ImapParser(int maxDepth) {
        if (maxDepth < 1) throw new IllegalArgumentException("maxDepth");
        this.search = new SearchParser(maxDepth);
    }

    public ImapParser() {
        this(DEFAULT_MAX_DEPTH);
    }

    /** Parses one complete command. */
    public ParseResult parse(ImapInput input) {
        CommandCursor c = new CommandCursor(input);
        String tag = null;
        try {
            tag = c.tag();
            c.sp();
            String name = c.atom().toUpperCase(Locale.ROOT);
            ImapCommand cmd = command(c, name, false);
            c.end();
            return new ParseResult.Ok(tag, cmd);
        } catch (BadCharsetException e) {
            return new ParseResult.BadCharset(tag);
        } catch (SyntaxException e) {
            return new ParseResult.Bad(tag, e.getMessage());
        }
    }

    /** Reads only the tag and command name (for a reply to a command that cannot be parsed further), or null. */
    public static String peekCommandName(byte[] firstLine) {
        String s = new String(firstLine, StandardCharsets.US_ASCII);
        String[] parts = s.split(" ", 4);
        if (parts.length < 2) return null;
        String name = parts[1].toUpperCase(Locale.ROOT);
        if (name.equals("UID") && parts.length > 2) return "UID " + parts[2].toUpperCase(Locale.ROOT);
        return name;
    }

    /**
     * True when a line is a SEARCH / UID SEARCH with RETURN (... SAVE ...): a search that fails
     * before it is parsed (NO [BADCHARSET]) must still empty the saved result (RFC 5182 §2.1).
     */
    public static boolean searchSavesResult(byte[] firstLine) {
        String s = new String(firstLine, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        var m = SEARCH_RETURN.matcher(s);
        return m.find() && List.of(m.group(1).split(" ")).contains("SAVE");
    }

    private ImapCommand command(CommandCursor c, String name, boolean uid) {
        return switch (name) {
            // any state (RFC 9051 §6.1) and not authenticated (§6.2)
            case "CAPABILITY" -> new ImapCommand.Capability();
            case "NOOP" -> new ImapCommand.Noop();
            case "LOGOUT" -> new ImapCommand.Logout();
            case "STARTTLS" -> new ImapCommand.StartTls();
            case "ID" -> AnyStateParser.id(c);
            case "AUTHENTICATE" -> AnyStateParser.authenticate(c);
            case "LOGIN" -> AnyStateParser.login(c);
            case "ENABLE" -> AnyStateParser.enable(c);
            // authenticated (§6.3)
            case "SELECT" -> MailboxParser.select(c, false);
            case "EXAMINE" -> MailboxParser.select(c, true);
            case "CREATE" -> MailboxParser.create(c);
            case "DELETE" -> new ImapCommand.Delete(MailboxParser.oneMailbox(c));
            case "RENAME" -> MailboxParser.rename(c);
            case "SUBSCRIBE" -> new ImapCommand.Subscribe(MailboxParser.oneMailbox(c));
            case "UNSUBSCRIBE" -> new ImapCommand.Unsubscribe(MailboxParser.oneMailbox(c));
            case "LIST" -> MailboxParser.list(c);
            case "LSUB" -> MailboxParser.lsub(c);
            case "NAMESPACE" -> new ImapCommand.Namespace();
            case "STATUS" -> MailboxParser.status(c);
            case "APPEND" -> MailboxParser.append(c);
            case "IDLE" -> new ImapCommand.Idle();
            case "GETQUOTA" -> new ImapCommand.GetQuota(MailboxParser.oneMailbox(c));
            case "GETQUOTAROOT" -> new ImapCommand.GetQuotaRoot(MailboxParser.oneMailbox(c));
            case "SETQUOTA" -> MailboxParser.setQuota(c);
            // selected (§6.4)
            case "CHECK" -> new ImapCommand.Check();
            case "CLOSE" -> new ImapCommand.Close();
            case "UNSELECT" -> new ImapCommand.Unselect();
            case "EXPUNGE" -> SelectedStateParser.expunge(c, uid);
            case "SEARCH" -> search.search(c, uid);
            case "FETCH" -> FetchParser.fetch(c, uid);
            case "STORE" -> SelectedStateParser.store(c, uid);
            case "COPY" -> SelectedStateParser.copy(c, uid);
            case "MOVE" -> SelectedStateParser.move(c, uid);
            case "UID" -> {
                if (uid) throw new SyntaxException("UID UID is not a command");
                c.sp();
                String sub = c.atom().toUpperCase(Locale.ROOT);
                if (!UID_COMMANDS.contains(sub)) throw new SyntaxException("unknown UID command");
                yield command(c, sub, true);
            }
            default -> throw new SyntaxException("unknown command");
        };
    }
}
