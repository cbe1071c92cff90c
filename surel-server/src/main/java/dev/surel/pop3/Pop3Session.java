package dev.surel.pop3;

import dev.surel.auth.AuthenticatedUser;
import dev.surel.maildrop.LeavePolicy;
import dev.surel.maildrop.Maildrop;
import dev.surel.maildrop.MaildropLocks;
import dev.surel.maildrop.Pop3Rows;
import dev.surel.net.Connection;
import dev.surel.net.DeadlineExceededException;
import dev.surel.net.IdleTimeoutException;
import dev.surel.net.LineRead;
import dev.surel.net.ServerStoppingException;
import dev.surel.protocol.pop3.Pop3Command;
import dev.surel.protocol.pop3.Pop3Parse;
import dev.surel.protocol.pop3.Pop3Parser;
import dev.surel.protocol.pop3.Pop3Reply;
import dev.surel.protocol.pop3.ResponseCode;
import dev.surel.store.ChangeBus;
import dev.surel.store.MailStore;
import dev.surel.store.SessionLease;
import dev.surel.store.StoreEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POP3 session (RFC 1939) on one connection.
 *
 * <p>Invariants:
 * <ul>
 *   <li>States exactly as RFC 1939 §3: AUTHORIZATION until a login succeeds and the maildrop
 *       is locked and loaded, then TRANSACTION; QUIT in TRANSACTION enters UPDATE, which
 *       commits every change of the session in one store transaction and ends the session.
 *       Each command is accepted only in its states ({@link #dispatch}); others get
 *       {@code -ERR}.</li>
 *   <li>Nothing the session does is written to the store before UPDATE: a connection that
 *       drops, times out or is stopped without QUIT changes nothing (RFC 1939 §6).</li>
 *   <li>The maildrop lock ({@link MaildropLocks}) is held from login to the end of
 *       {@link #run}, whatever ends it, and released in its {@code finally}.</li>
 *   <li>Replies are flushed only when no further command is already buffered (RFC 2449 §6.6
 *       PIPELINING), so a pipelined batch costs one write.</li>
 *   <li>Password-revealing logins (USER/PASS, SASL PLAIN and LOGIN) follow the one clear-text
 *       rule ({@code auth.cleartext_networks}, RFC 2595 §2.2); they are hidden from CAPA
 *       where refused.</li>
 *   <li>From login to the end, the session subscribes to the account's change bus (before the
 *       snapshot is read, so no expunge is missed) and holds a store session lease: a message
 *       expunged meanwhile answers {@code -ERR} without a database read per RETR.</li>
 *   <li>A command line (or SASL response) must arrive within {@code limits.command_deadline} of
 *       its first octet, however steadily it trickles in; past it, as after the idle timeout
 *       (RFC 1939 §3) or on the server's stop, the session answers {@code -ERR} and ends without
 *       UPDATE, wherever it was reading.</li>
 *   <li>No reply repeats octets from the peer; passwords are never logged.</li>
 * </ul>
 */
final class Pop3Session {
    private static final Logger log = LoggerFactory.getLogger(Pop3Session.class);
    /** Longest line read: the 255-octet command limit is the parser's (it answers it); SASL responses are longer. */
    static final int MAX_READ = 16_384;

    enum State { AUTHORIZATION, TRANSACTION, UPDATE }

    final Pop3Context ctx;
    final Connection conn;
    State state = State.AUTHORIZATION;
    /** The name given by USER, awaiting PASS. */
    String pendingUser;
    AuthenticatedUser user;
    LeavePolicy policy;
    Maildrop maildrop;
    private boolean locked;
    /** The account's committed changes since just before the snapshot: expunges since login. */
    private ChangeBus.Subscription changes;
    /** Keeps blobs of messages expunged meanwhile from being collected while we may stream them. */
    private SessionLease lease;
    private final Set<Pop3Rows.MessageKey> gone = new HashSet<>();
    private final Set<Long> goneMailboxes = new HashSet<>();
    /** Set when the change queue overflowed: liveness is then asked of the store for each message. */
    private boolean askStore;

    Pop3Session(Pop3Context ctx, Connection conn) {
        this.ctx = ctx;
        this.conn = conn;
    }

    /** Output buffer: RETR of many messages goes out in 64 KiB writes. */
    static final int OUTPUT_BUFFER = 64 * 1024;
    private byte[] chunk;

    /** The session's one read buffer for streaming messages. */
    byte[] chunk() {
        if (chunk == null) chunk = new byte[MessageSender.CHUNK];
        return chunk;
    }

    void run() throws IOException {
        conn.idleTimeout(ctx.settings().idleTimeout());
        conn.outputBufferSize(OUTPUT_BUFFER);
        try {
            reply(Pop3Reply.ok("Surel POP3 server ready"));
            while (state != State.UPDATE) {
                if (!conn.inputBuffered()) conn.flush();
                LineRead read = conn.readLine(MAX_READ);
                switch (read) {
                    case LineRead.End end -> {
                        return;
                    }
                    case LineRead.TooLong t -> reply(Pop3Reply.err("command line too long"));
                    case LineRead.Line line -> {
                        switch (Pop3Parser.parse(line.bytes())) {
                            case Pop3Parse.Invalid bad -> reply(Pop3Reply.err(bad.error().text()));
                            case Pop3Parse.Ok ok -> dispatch(ok.command());
                        }
                    }
                }
            }
            conn.flush();
        } catch (IdleTimeoutException e) { // also inside AUTH: every read ends the same way
            goodbye(Pop3Reply.err("autologout: idle for too long"));
        } catch (DeadlineExceededException e) {
            goodbye(Pop3Reply.err("too slow: " + e.getMessage()));
        } catch (ServerStoppingException e) {
            goodbye(Pop3Reply.err(ResponseCode.SYS_TEMP, "server shutting down, try again later"));
        } finally {
            if (changes != null) changes.close();
            if (lease != null) lease.close();
            releaseMaildrop();
        }
    }

    /** The last reply before the session ends without UPDATE (RFC 1939 §6: nothing is committed). */
    private void goodbye(String line) throws IOException {
        reply(line);
        conn.flush();
    }

    /**
     * Releases the maildrop lock (idempotent). QUIT calls it once UPDATE has committed, before its
     * +OK, so a client that logs in again right after the reply is not refused with [IN-USE].
     */
    void releaseMaildrop() {
        if (locked) {
            ctx.locks().release(user.accountId(), this);
            locked = false;
        }
    }

    /**
     * True while a message of the snapshot is still live: expunges committed since login (over
     * IMAP, by the expiry job) arrive on the change bus; after an overflow the store is asked.
     */
    boolean stillLive(Maildrop.Entry e) {
        for (StoreEvent ev : changes.drain()) {
            switch (ev) {
                case StoreEvent.MessagesExpunged x -> x.uids().forEach(uid -> gone.add(new Pop3Rows.MessageKey(x.mailboxId(), uid)));
                case StoreEvent.MailboxDeleted x -> goneMailboxes.add(x.mailboxId());
                default -> { }
            }
        }
        if (changes.overflowed()) askStore = true;
        if (gone.contains(new Pop3Rows.MessageKey(e.mailboxId(), e.uid())) || goneMailboxes.contains(e.mailboxId())) return false;
        return !askStore || !ctx.store().fetch(user.accountId(), e.mailboxId(), List.of(e.uid())).isEmpty();
    }

    /** The command table: which commands each state accepts (RFC 1939 §4-§7, RFC 2449 §5). */
    private void dispatch(Pop3Command c) throws IOException {
        boolean auth = state == State.AUTHORIZATION;
        try {
            switch (c) {
                case Pop3Command.Capa x -> CapaCmd.run(this);
                case Pop3Command.Quit x -> QuitCmd.run(this);
                case Pop3Command.User x when auth -> UserPassCmd.user(this, x);
                case Pop3Command.Pass x when auth -> UserPassCmd.pass(this, x);
                case Pop3Command.Auth x when auth -> AuthCmd.run(this, x);
                case Pop3Command.Stls x when auth -> StlsCmd.run(this);
                case Pop3Command.Utf8 x when auth -> reply(Pop3Reply.ok("UTF8 enabled"));
                case Pop3Command.Apop x when auth -> reply(Pop3Reply.err("APOP is not offered: use STLS, then USER/PASS or AUTH"));
                case Pop3Command.Stat x when !auth -> StatCmd.run(this);
                case Pop3Command.List x when !auth -> ListCmd.run(this, x);
                case Pop3Command.Uidl x when !auth -> UidlCmd.run(this, x);
                case Pop3Command.Retr x when !auth -> RetrCmd.run(this, x);
                case Pop3Command.Top x when !auth -> TopCmd.run(this, x);
                case Pop3Command.Dele x when !auth -> DeleCmd.run(this, x);
                case Pop3Command.Rset x when !auth -> RsetCmd.run(this);
                case Pop3Command.Noop x when !auth -> reply(Pop3Reply.ok(""));
                default -> reply(Pop3Reply.err(auth ? "not allowed before login" : "not allowed after login"));
            }
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("{}: POP3 {} failed", conn.id(), c.getClass().getSimpleName(), e);
            reply(Pop3Reply.err(ResponseCode.SYS_TEMP, "internal error, try again later"));
        }
    }

    void reply(String line) throws IOException {
        conn.writeLine(line);
    }

    boolean cleartextAllowed() {
        return ctx.cleartext().allowsCleartext(conn);
    }

    /**
     * The end of a successful authentication (PASS or AUTH): LOGIN-DELAY, the maildrop lock,
     * the policy and the maildrop snapshot; then TRANSACTION. A failure leaves the session in
     * AUTHORIZATION (RFC 1939 §7: "-ERR unable to lock maildrop").
     */
    void loggedIn(AuthenticatedUser u) throws IOException {
        pendingUser = null;
        if (!ctx.locks().tryLock(u.accountId(), this)) {
            reply(Pop3Reply.err(ResponseCode.IN_USE, "maildrop already in use by another POP3 session"));
            return;
        }
        boolean keep = false;
        try {
            Optional<Duration> wait = ctx.loginDelays().tryLogin(u.accountId());
            if (wait.isPresent()) {
                long s = Math.max(1, wait.get().toSeconds());
                reply(Pop3Reply.err(ResponseCode.LOGIN_DELAY, "logged in too recently: wait " + s + " more seconds"));
                return;
            }
            this.user = u;
            MailStore store = ctx.store();
            this.changes = store.changeBus().subscribe(u.accountId());
            this.lease = store.openSession(u.accountId());
            this.policy = ctx.policies().effective(u.accountId());
            this.maildrop = Maildrop.load(ctx.store(), ctx.rows(), u.accountId(),
                    ctx.settings().folders(), ctx.settings().maxMessages());
            keep = true;
            locked = true;
            state = State.TRANSACTION;
            log.info("{}: POP3 login {} ({} messages, policy {})", conn.id(), u.address(), maildrop.size(), policy.text());
            reply(Pop3Reply.ok("maildrop has " + maildrop.liveCount() + " messages (" + maildrop.liveSize() + " octets)"));
        } finally {
            if (!keep) {
                if (changes != null) changes.close();
                if (lease != null) lease.close();
                changes = null;
                lease = null;
                this.user = null;
                ctx.locks().release(u.accountId(), this);
            }
        }
    }

    /** The entry of message {@code n}, or null after answering "-ERR no such message". */
    Maildrop.Entry message(int n) throws IOException {
        Maildrop.Entry e = maildrop.get(n);
        if (e == null) {
            reply(Pop3Reply.err(maildrop.exists(n) ? "message " + n + " already deleted" : "no such message"));
        }
        return e;
    }
}
