package dev.surel.imap;

import dev.surel.auth.AuthenticatedUser;
import dev.surel.net.Connection;
import dev.surel.net.DeadlineExceededException;
import dev.surel.net.IdleTimeoutException;
import dev.surel.net.ServerStoppingException;
import dev.surel.protocol.imap.ImapCommand;
import dev.surel.protocol.imap.ImapParser;
import dev.surel.protocol.imap.ParseResult;
import dev.surel.store.ChangeBus;
import dev.surel.store.Flag;
import dev.surel.store.Flags;
import dev.surel.store.MailStore;
import dev.surel.store.MailboxInfo;
import dev.surel.store.SessionLease;
import dev.surel.store.SpooledMessage;
import dev.surel.store.StoreEvent;
import dev.surel.store.StoreException;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP connection (RFC 3501, RFC 9051): reads commands, runs them through the
 * {@link CommandTable} and writes the responses.
 *
 * <p>Invariants:
 * <ul>
 *   <li>State follows RFC 9051 §3: not authenticated → authenticated → selected → logout; a
 *       command runs only in the states its {@link CommandTable.Spec} allows (else BAD).</li>
 *   <li>Changes made by other sessions (and by this one) arrive on the account's change bus
 *       and are written as untagged EXISTS / EXPUNGE / FETCH only at safe points: before a
 *       tagged completion, during NOOP and IDLE. No EXPUNGE is written while completing a
 *       FETCH, STORE or SEARCH by sequence number (RFC 9051 §7.5.1), so a client's sequence
 *       numbers change only when it is told.</li>
 *   <li>RFC 7162: once CONDSTORE is on, every FETCH this session sends unasked carries MODSEQ;
 *       once QRESYNC is on, VANISHED replaces EXPUNGE (same timing rules). Neither is ever
 *       switched off for the connection.</li>
 *   <li>\Recent (IMAP4rev1 only, RFC 3501 §2.3.2) comes from the server-wide
 *       {@link RecentTracker}: a selected view holds its mailbox's entry until the session leaves
 *       the mailbox (deselect, another SELECT, logout, a dropped connection), which stores the
 *       claims it made in memory.</li>
 *   <li>While authenticated the session holds a {@link SessionLease}: messages expunged
 *       elsewhere stay readable until this session has announced the expunge.</li>
 *   <li>The saved search result ({@code $}, RFC 5182) belongs to the selected mailbox: every
 *       select and deselect empties it ({@link SavedSearch}).</li>
 *   <li>Responses never carry client bytes unquoted; errors never carry stack traces; store
 *       errors are mapped in one place ({@link StoreErrors}).</li>
 *   <li>Limits: line length, literal sizes (RFC 7888, RFC 7889), nesting depth, commands
 *       before authentication, failed logins, inactivity (RFC 9051 §5.4), slow senders (a line or
 *       literal past {@code limits.command_deadline}, an APPEND message past
 *       {@code imap.append_deadline}); each has a BAD/NO/BYE (RFC 9051 §7.1.5).</li>
 *   <li>Single-threaded except during IDLE, when a push ({@link IdlePusher}) writes through the
 *       {@link Responder}'s lock while this thread waits for DONE.</li>
 * </ul>
 */
public final class ImapSession {

    private static final Logger log = LoggerFactory.getLogger(ImapSession.class);

    enum State { NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT }

    private final ImapContext ctx;
    private final Connection conn;
    private final ImapSettings settings;
    private final Responder out;
    private final ImapParser parser;
    private final CommandReader reader;
    private final long appendLimit;
    private final RecentTracker recent;
    private State state = State.NOT_AUTHENTICATED;
    private AuthenticatedUser user;
    private SessionLease lease;
    private ChangeBus.Subscription events;
    private SelectedMailbox selected;
    private boolean rev2;
    private boolean utf8Accept;
    private final SavedSearch savedSearch = new SavedSearch();
    private boolean condstore;
    private boolean qresync;
    private int failedLogins;
    private int unauthenticatedCommands;
    private boolean expungeAllowed = true;
    private Map<Integer, SpooledMessage> spooled = Map.of();
    private Set<Integer> spooledWithNul = Set.of();
    private Map<Integer, StoreException.Unavailable> unstored = Map.of();
    private Map<Integer, StoreException.BadMessage> spoolRefusals = Map.of();

    ImapSession(ImapContext ctx, Connection conn, RecentTracker recent) {
        this.ctx = ctx;
        this.recent = recent;
        this.conn = conn;
        this.settings = ctx.settings();
        this.out = new Responder(conn);
        this.parser = new ImapParser(settings.maxNesting());
        long storeMax = ctx.maxMessageSize();
        this.appendLimit = storeMax > 0 ? Math.min(storeMax, settings.appendLimit()) : settings.appendLimit();
        this.reader = new CommandReader(conn, out, ctx.store(), settings, appendLimit);
    }

    /** Runs the session until LOGOUT, the end of input, a timeout or the server's stop. */
    void run() throws IOException {
        conn.idleTimeout(settings.loginTimeout());
        try {
            out.untagged("OK [CAPABILITY " + capabilities() + "] Surel IMAP ready");
            while (state != State.LOGOUT) {
                out.flush();
                CommandReader.Read r = reader.read();
                switch (r) {
                    case CommandReader.Read.End e -> state = State.LOGOUT;
                    case CommandReader.Read.Fatal f -> {
                        if (f.tag() != null) out.bad(f.tag(), f.text());
                        out.untagged("BYE " + f.text());
                        state = State.LOGOUT;
                    }
                    case CommandReader.Read.Refused f -> out.status(f.tag() == null ? "*" : f.tag(), f.status(), f.code(), f.text());
                    case CommandReader.Read.Command c -> {
                        spooled = c.spooled();
                        spooledWithNul = c.withNul();
                        unstored = c.unstored();
                        spoolRefusals = c.refused();
                        ProtocolLog.command(conn.id(), c.input());
                        try {
                            ParseResult parsed = parser.parse(c.input());
                            if (!(parsed instanceof ParseResult.Ok) && ImapParser.searchSavesResult(c.input().lines().getFirst())) {
                                savedSearch.clear(); // RFC 5182 §2.1: a failed SEARCH ... SAVE empties $
                            }
                            execute(parsed);
                        } finally {
                            spooled.values().forEach(SpooledMessage::close);
                            spooled = Map.of();
                            spooledWithNul = Set.of();
                            unstored = Map.of();
                            spoolRefusals = Map.of();
                        }
                    }
                }
            }
        } catch (IdleTimeoutException e) {
            out.untagged("BYE Autologout; idle for too long");
        } catch (DeadlineExceededException e) {
            out.untagged("BYE Too slow: " + e.getMessage());
        } catch (ServerStoppingException e) {
            out.untagged("BYE [UNAVAILABLE] Server shutting down");
        } finally {
            try {
                out.flush();
            } finally {
                endAuthenticated();
            }
        }
    }

    private void execute(ParseResult parsed) throws IOException {
        switch (parsed) {
            case ParseResult.Bad b -> {
                out.bad(b.tag(), b.text());
                countUnauthenticated();
            }
            case ParseResult.BadCharset b -> out.no(b.tag() == null ? "*" : b.tag(), "BADCHARSET (UTF-8 US-ASCII)", "Unknown charset");
            case ParseResult.Ok ok -> {
                if (!countUnauthenticated()) return;
                CommandTable.Spec spec = CommandTable.spec(ok.command());
                if (!spec.states().contains(state)) {
                    out.bad(ok.tag(), "Command not allowed " + switch (state) {
                        case NOT_AUTHENTICATED -> "before authentication";
                        case AUTHENTICATED -> "without a selected mailbox";
                        case SELECTED -> "with a mailbox selected";
                        case LOGOUT -> "after logout";
                    });
                    return;
                }
                expungeAllowed = !spec.usesSequenceNumbers();
                try {
                    spec.handler().run(this, ok.tag());
                } catch (StoreException e) {
                    StoreErrors.respond(this, ok.tag(), e, false);
                } catch (IOException e) {
                    throw e;
                } catch (RuntimeException e) {
                    serverFault(ok.tag(), e);
                } finally {
                    expungeAllowed = true;
                }
            }
        }
    }

    /** Counts a command before authentication; false (and BYE) over the limit. */
    private boolean countUnauthenticated() throws IOException {
        if (state != State.NOT_AUTHENTICATED) return true;
        if (++unauthenticatedCommands > settings.maxUnauthCommands()) {
            out.untagged("BYE Too many commands without authentication");
            state = State.LOGOUT;
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ for handlers

    Responder out() { return out; }

    Connection connection() { return conn; }

    ImapContext context() { return ctx; }

    MailStore store() { return ctx.store(); }

    ImapSettings settings() { return settings; }

    long appendLimit() { return appendLimit; }

    State state() { return state; }

    long account() { return user.accountId(); }

    AuthenticatedUser user() { return user; }

    SelectedMailbox selected() { return selected; }

    /** The server's \Recent marks (RFC 3501 §2.3.2). */
    RecentTracker recentTracker() { return recent; }

    /**
     * STATUS RECENT (RFC 3501 §6.3.10): the messages the next IMAP4rev1 session to select the
     * mailbox will see as \Recent.
     */
    long recentCount(MailboxInfo info) {
        long from = recent.firstRecent(info.id(), info.firstRecentUid());
        return from >= info.uidNext() ? 0 : store().countFrom(account(), info.id(), from);
    }

    boolean rev2() { return rev2; }

    void enableRev2() { rev2 = true; }

    /** RFC 6855 §3: ENABLE UTF8=ACCEPT was given. */
    boolean utf8Accept() { return utf8Accept; }

    void enableUtf8Accept() { utf8Accept = true; }

    /** Mailbox names travel as UTF-8 (IMAP4rev2 or UTF8=ACCEPT), else modified UTF-7. */
    boolean utf8Names() { return rev2 || utf8Accept; }

    /** The RFC 5182 saved search result ({@code $}). */
    SavedSearch savedSearch() { return savedSearch; }

    /** RFC 7162 §3.1: CONDSTORE is on (ENABLE, or a CONDSTORE-enabling command): MODSEQ in every unsolicited FETCH. */
    boolean condstore() { return condstore; }

    /**
     * A CONDSTORE-enabling command (RFC 7162 §3.1): turns CONDSTORE on. The first one while a
     * mailbox is selected is told the mailbox's HIGHESTMODSEQ in an untagged OK before its own
     * responses (RFC 7162 §3.1, as SELECT would have said): the highest MODSEQ this session's view
     * reflects, so never above a change it has not announced.
     */
    void enableCondstore() throws IOException {
        if (condstore) return;
        condstore = true;
        if (selected != null) {
            out.status("*", "OK", "HIGHESTMODSEQ " + Math.max(1, selected.highestModseq()), "Highest");
        }
    }

    /** RFC 7162 §3.2.3: QRESYNC is on (only by ENABLE; implies CONDSTORE): VANISHED replaces EXPUNGE. */
    boolean qresync() { return qresync; }

    void enableQresync() {
        qresync = true;
        condstore = true;
    }

    InetAddress ip() { return conn.remoteAddress().getAddress(); }

    /** RFC 9051 §6.2.3 / RFC 8314: may the password travel in this connection? */
    boolean cleartextAllowed() {
        return ctx.cleartext().allowsCleartext(conn);
    }

    /** True when message literal {@code index} of the current command held a NUL octet (RFC 3516 §4.4). */
    boolean spooledWithNul(int index) {
        return spooledWithNul.contains(index);
    }

    /** The message spooled for literal {@code index} of the current command, or null (refused while spooling). */
    SpooledMessage spooled(int index) {
        return spooled.get(index);
    }

    /** Why the store could not take message literal {@code index} of the current command, or null. */
    StoreException.Unavailable unstored(int index) {
        return unstored.get(index);
    }

    /** Why the store refused message literal {@code index} of the current command while spooling, or null. */
    StoreException.BadMessage spoolRefusal(int index) {
        return spoolRefusals.get(index);
    }

    String decodeName(String wire) {
        return MailboxNames.decode(wire, utf8Names());
    }

    String encodeName(String name) {
        return MailboxNames.encode(name, utf8Names());
    }

    /** The CAPABILITY list for the current state (RFC 9051 §6.1.1). */
    String capabilities() {
        StringBuilder b = new StringBuilder("IMAP4rev1 IMAP4rev2");
        if (state == State.NOT_AUTHENTICATED) {
            if (conn.canStartTls()) b.append(" STARTTLS");
            boolean clear = cleartextAllowed();
            if (!clear) b.append(" LOGINDISABLED");
            b.append(" AUTH=SCRAM-SHA-256");
            if (clear) b.append(" AUTH=PLAIN AUTH=LOGIN");
            b.append(" SASL-IR");
        }
        b.append(" LITERAL+ ENABLE IDLE ID NAMESPACE UNSELECT UIDPLUS MOVE CHILDREN SPECIAL-USE CREATE-SPECIAL-USE")
                .append(" LIST-EXTENDED LIST-STATUS STATUS=SIZE MULTIAPPEND QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE")
                .append(" APPENDLIMIT=").append(appendLimit);
        b.append(" ESEARCH"); // RFC 4731
        b.append(" SEARCHRES"); // RFC 5182
        b.append(" BINARY"); // RFC 3516
        b.append(" UTF8=ACCEPT"); // RFC 6855
        b.append(" CONDSTORE QRESYNC");
        return b.toString();
    }

    /** A successful LOGIN/AUTHENTICATE: authenticated state, a lease and the change bus (RFC 9051 §3.2). */
    void loggedIn(AuthenticatedUser u) {
        user = u;
        lease = store().openSession(u.accountId());
        events = store().changeBus().subscribe(u.accountId());
        state = State.AUTHENTICATED;
        conn.idleTimeout(settings.idleTimeout());
    }

    /** A failed login: NO [AUTHENTICATIONFAILED], and BYE after {@code imap.max_failed_logins}. */
    void loginFailed(String tag) throws IOException {
        out.no(tag, "AUTHENTICATIONFAILED", "Authentication failed");
        if (++failedLogins >= settings.maxFailedLogins()) {
            out.untagged("BYE Too many failed logins");
            state = State.LOGOUT;
        }
    }

    void select(SelectedMailbox mb) {
        savedSearch.clear();
        selected = mb;
        state = State.SELECTED;
    }

    void deselect() {
        savedSearch.clear();
        leaveSelected();
        state = State.AUTHENTICATED;
    }

    /**
     * Drops the selected view; its \Recent claims made in memory are written to the store
     * (RFC 3501 §2.3.2; see {@link RecentTracker}). A failed write (mailbox gone, store closing)
     * only leaves those messages \Recent for the next session.
     */
    private void leaveSelected() {
        SelectedMailbox mb = selected;
        selected = null;
        if (mb == null || !mb.tracksRecent()) return;
        long mark = recent.close(mb.mailboxId());
        if (mark == 0) return;
        try {
            store().claimRecent(account(), mb.mailboxId(), mark);
        } catch (RuntimeException e) {
            log.debug("{}: \\Recent mark of mailbox {} not stored: {}", conn.id(), mb.mailboxId(), e.toString());
        } finally {
            recent.written(mb.mailboxId(), mark);
        }
    }

    void logout() {
        state = State.LOGOUT;
    }

    private void endAuthenticated() {
        leaveSelected();
        if (events != null) events.close();
        if (lease != null) lease.close();
        events = null;
        lease = null;
    }

    // ------------------------------------------------------------------ changes and completion

    /** Discards queued events (before taking a fresh snapshot at SELECT). */
    void discardEvents() {
        if (events == null) return;
        events.drain();
        events.resetOverflow();
    }

    /** Applies queued change-bus events to the selected view (no output). */
    void pollEvents() {
        if (events == null) return;
        List<StoreEvent> batch = events.drain();
        if (selected == null) {
            events.resetOverflow();
            return;
        }
        for (StoreEvent e : batch) selected.apply(e);
        if (events.overflowed()) {
            events.resetOverflow();
            selected.resync(store(), account());
        }
    }

    /**
     * Runs {@code wake} after each commit on the account's change bus (IDLE's pusher), or no
     * longer when null. Outside the authenticated states there is no bus: nothing to watch.
     */
    void watchEvents(Runnable wake) {
        if (events != null) events.onEvents(wake);
    }

    /**
     * Writes what other sessions changed, as untagged responses (RFC 9051 §7.5.1, §7.4.1):
     * EXPUNGE only when {@code allowExpunge}. A deleted selected mailbox ends the session.
     */
    void writeUpdates(boolean allowExpunge) throws IOException {
        pollEvents();
        if (selected == null) return;
        if (selected.deleted()) {
            out.untagged("BYE Selected mailbox was deleted");
            state = State.LOGOUT;
            leaveSelected();
            return;
        }
        List<Long> vanished = new ArrayList<>();
        for (SelectedMailbox.Update u : selected.drainUpdates(store(), account(), allowExpunge, condstore)) {
            if (!(u instanceof SelectedMailbox.Update.Expunge)) writeVanished(vanished);
            switch (u) {
                case SelectedMailbox.Update.Expunge x -> {
                    if (qresync) vanished.add(x.uid());
                    else out.untagged(x.seq() + " EXPUNGE");
                }
                case SelectedMailbox.Update.Exists x -> {
                    out.untagged(x.count() + " EXISTS");
                    if (!rev2) out.untagged(x.recent() + " RECENT");
                }
                case SelectedMailbox.Update.FlagsOf f -> out.untagged(f.seq() + " FETCH (UID " + f.uid() + " FLAGS "
                        + flagList(f.flags(), f.recent()) + modseqItem(f.modseq()) + ")");
                case SelectedMailbox.Update.Keywords k -> writeFlags(selected);
            }
        }
        writeVanished(vanished);
    }

    /**
     * Removes messages this session expunged (EXPUNGE, MOVE) from its view and says so: one
     * {@code * n EXPUNGE} each (RFC 9051 §7.5.1), or once QRESYNC is on one {@code * VANISHED}
     * with their UIDs (RFC 7162 §3.2.10).
     */
    void announceExpunged(List<Long> uids) throws IOException {
        List<Long> vanished = new ArrayList<>();
        for (long uid : uids) {
            int seq = selected.removeAnnounced(uid);
            if (seq == 0) continue;
            if (qresync) vanished.add(uid);
            else out.untagged(seq + " EXPUNGE");
        }
        writeVanished(vanished);
    }

    private void writeVanished(List<Long> uids) throws IOException {
        if (uids.isEmpty()) return;
        uids.sort(null);
        out.untagged("VANISHED " + UidSets.format(uids));
        uids.clear();
    }

    /** {@code " MODSEQ (n)"} for a FETCH response once CONDSTORE is on (RFC 7162 §3.1.4.1), else "". */
    String modseqItem(long modseq) {
        return condstore ? " MODSEQ (" + Math.max(1, modseq) + ")" : "";
    }

    /** Writes pending updates allowed now, then {@code tag OK [code] text}. */
    void ok(String tag, String code, String text) throws IOException {
        complete(tag, "OK", code, text);
    }

    void ok(String tag, String text) throws IOException {
        complete(tag, "OK", null, text);
    }

    void no(String tag, String code, String text) throws IOException {
        complete(tag, "NO", code, text);
    }

    private void complete(String tag, String status, String code, String text) throws IOException {
        if (state == State.SELECTED) writeUpdates(expungeAllowed);
        out.status(tag, status, code, text);
    }

    /** Logs a write the store refused for now (disk full, read-only, I/O error): one line, no stack trace. */
    void logStoreUnavailable(StoreException.Unavailable e) {
        log.warn("{}: IMAP write refused: {}", conn.id(), e.getMessage());
    }

    /** A server fault: logged with the connection id, answered NO [SERVERBUG] (RFC 5530). */
    void serverFault(String tag, Exception e) throws IOException {
        log.warn("{}: IMAP command failed: {}", conn.id(), e.toString(), e);
        out.no(tag, "SERVERBUG", "Internal error, try again later");
    }

    /**
     * The untagged FLAGS and, read-write, {@code OK [PERMANENTFLAGS]} of the selected mailbox:
     * the system flags and every keyword the session knows (RFC 3501 §7.2.6, RFC 9051 §7.3.5);
     * sent at SELECT and again whenever a keyword is new to the session.
     */
    void writeFlags(SelectedMailbox mb) throws IOException {
        StringBuilder kw = new StringBuilder();
        for (String k : mb.keywords()) kw.append(' ').append(k);
        out.untagged("FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft" + kw + ")");
        if (mb.readOnly()) out.status("*", "OK", "PERMANENTFLAGS ()", "No permanent flags permitted");
        else out.status("*", "OK", "PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft" + kw + " \\*)", "Flags permitted");
    }

    /**
     * The flag list of a message as this session shows it (RFC 9051 §2.3.2); \Recent only for
     * IMAP4rev1. Rendered once per distinct flag set (a mailbox has few: FETCH 1:* FLAGS of
     * 10,000 messages renders a handful), kept in {@link #flagLists}.
     */
    String flagList(Flags flags, boolean recent) {
        boolean withRecent = recent && !rev2;
        java.util.Map<Flags, String> cache = withRecent ? flagListsRecent : flagLists;
        String known = cache.get(flags);
        if (known != null) return known;
        String made = renderFlagList(flags, withRecent);
        if (cache.size() >= FLAG_LISTS_KEPT) cache.clear(); // many keyword combinations: start over
        cache.put(flags, made);
        return made;
    }

    /** Distinct flag sets whose rendered list a session keeps (each map). */
    static final int FLAG_LISTS_KEPT = 256;
    /** Rendered flag lists without \Recent, by flag set. Flags are immutable, so an entry never goes stale. */
    private final java.util.Map<Flags, String> flagLists = new java.util.HashMap<>();
    /** The same with \Recent (IMAP4rev1 only: {@link #enableRev2} is permanent, so no entry there goes stale either). */
    private final java.util.Map<Flags, String> flagListsRecent = new java.util.HashMap<>();

    private static String renderFlagList(Flags flags, boolean withRecent) {
        List<String> names = new ArrayList<>();
        for (Flag f : Flag.values()) if (flags.has(f)) names.add(f.imapName());
        if (withRecent) names.add("\\Recent");
        names.addAll(flags.keywords());
        return "(" + String.join(" ", names) + ")";
    }
}
