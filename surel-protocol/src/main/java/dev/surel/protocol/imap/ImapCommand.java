package dev.surel.protocol.imap;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One client command of IMAP4rev1 (RFC 3501 §6) / IMAP4rev2 (RFC 9051 §6) and the extensions
 * Surel offers, as the pure {@link ImapParser} builds it from a line plus literals. The tag is
 * not part of the record: {@link ParseResult.Ok} carries it.
 *
 * <p>Strings are decoded: mailbox names are the astring as sent (UTF-8 octets decoded;
 * modified UTF-7 is the session's business, RFC 9051 §5.1), search strings decoded with the
 * CHARSET. Message literals of APPEND are not in the record: they are spooled by the session
 * while reading and referred to by {@link AppendMessage#literal()} (their index among the
 * command's literals).
 */
public sealed interface ImapCommand {

    // ---------------------------------------------------------------- any state (RFC 9051 §6.1)

    record Capability() implements ImapCommand { }

    record Noop() implements ImapCommand { }

    record Logout() implements ImapCommand { }

    /** RFC 2971 ID: the client's fields, or null for {@code ID NIL}. */
    record Id(Map<String, String> fields) implements ImapCommand { }

    // ---------------------------------------------------------------- not authenticated (§6.2)

    record StartTls() implements ImapCommand { }

    /**
     * RFC 9051 §6.2.2 AUTHENTICATE with the RFC 4959 SASL-IR initial response: null when none
     * was sent, "=" for an explicitly empty one, else the base64 text.
     */
    record Authenticate(String mechanism, String initialResponse) implements ImapCommand { }

    /** RFC 9051 §6.2.3 LOGIN; {@link #toString()} hides the password. */
    record Login(String user, String password) implements ImapCommand {
        @Override
        public String toString() {
            return "Login[user=" + user + ", password=***]";
        }
    }

    // ---------------------------------------------------------------- authenticated (§6.3)

    /** RFC 5161 ENABLE. */
    record Enable(List<String> capabilities) implements ImapCommand {
        public Enable { capabilities = List.copyOf(capabilities); }
    }

    /**
     * SELECT ({@code examine} false) or EXAMINE (RFC 9051 §6.3.2, §6.3.3) with the RFC 7162
     * parameters: {@code condstore} for {@code (CONDSTORE)} (§3.1.8), {@code qresync} for
     * {@code (QRESYNC (...))} (§3.2.5), null when absent.
     */
    record Select(String mailbox, boolean examine, boolean condstore, Qresync qresync) implements ImapCommand {
        public Select(String mailbox, boolean examine) {
            this(mailbox, examine, false, null);
        }
    }

    /**
     * The RFC 7162 §3.2.5 QRESYNC select parameter: {@code (uidvalidity modseq [known-uids
     * [(seq-match-seqs seq-match-uids)]])}. Optional parts are null when absent.
     */
    record Qresync(long uidValidity, long modseq, SequenceSet knownUids, SequenceSet matchSeqs, SequenceSet matchUids) {
        public Qresync {
            if ((matchSeqs == null) != (matchUids == null)) throw new IllegalArgumentException("seq-match-data has two sets");
        }
    }

    /** CREATE with the RFC 6154 {@code USE (...)} parameter (empty when absent). */
    record Create(String mailbox, List<String> specialUse) implements ImapCommand {
        public Create { specialUse = List.copyOf(specialUse); }
    }

    record Delete(String mailbox) implements ImapCommand { }

    record Rename(String from, String to) implements ImapCommand { }

    record Subscribe(String mailbox) implements ImapCommand { }

    record Unsubscribe(String mailbox) implements ImapCommand { }

    /**
     * LIST (RFC 9051 §6.3.9) with RFC 5258 LIST-EXTENDED selection and return options and the
     * RFC 5819 STATUS return option. Options are upper-cased. {@code extended} is true when the
     * client used any extended syntax (selection options, several patterns, RETURN).
     */
    record ListMailboxes(Set<String> selection, String reference, List<String> patterns, Set<String> returns,
                         List<StatusItem> statusItems, boolean extended) implements ImapCommand {
        public ListMailboxes {
            selection = Set.copyOf(selection);
            patterns = List.copyOf(patterns);
            returns = Set.copyOf(returns);
            statusItems = List.copyOf(statusItems);
        }
    }

    /** RFC 3501 §6.3.9 LSUB (deprecated by RFC 9051, still served). */
    record Lsub(String reference, String pattern) implements ImapCommand { }

    /** RFC 2342 / RFC 9051 §6.3.10 NAMESPACE. */
    record Namespace() implements ImapCommand { }

    /** RFC 9051 §6.3.11 STATUS. */
    record Status(String mailbox, List<StatusItem> items) implements ImapCommand {
        public Status { items = List.copyOf(items); }
    }

    /** RFC 9051 §6.3.12 APPEND with RFC 3502 MULTIAPPEND: one or more messages. */
    record Append(String mailbox, List<AppendMessage> messages) implements ImapCommand {
        public Append { messages = List.copyOf(messages); }
    }

    /**
     * One message of an APPEND: flags as written, the internal date (null: now), and which
     * literal of the command carries it (the session spooled it) with its announced size;
     * {@code binary} when it came as an RFC 3516 literal8 ({@code ~{n}}), {@code utf8} when
     * wrapped as RFC 6855 §4 {@code UTF8 (~{n})}.
     */
    record AppendMessage(List<String> flags, OffsetDateTime internalDate, int literal, long size, boolean binary, boolean utf8) {
        public AppendMessage { flags = List.copyOf(flags); }

        public AppendMessage(List<String> flags, OffsetDateTime internalDate, int literal, long size) {
            this(flags, internalDate, literal, size, false, false);
        }
    }

    /** RFC 2177 / RFC 9051 §6.3.13 IDLE. */
    record Idle() implements ImapCommand { }

    /** RFC 9208 GETQUOTA. */
    record GetQuota(String root) implements ImapCommand { }

    /** RFC 9208 GETQUOTAROOT. */
    record GetQuotaRoot(String mailbox) implements ImapCommand { }

    /** RFC 9208 SETQUOTA: parsed, refused by the server (limits are the administrator's). */
    record SetQuota(String root, Map<String, Long> limits) implements ImapCommand { }

    // ---------------------------------------------------------------- selected (§6.4)

    /** RFC 3501 §6.4.1 CHECK (IMAP4rev1 only; a NOOP here). */
    record Check() implements ImapCommand { }

    record Close() implements ImapCommand { }

    /** RFC 3691 / RFC 9051 §6.4.2 UNSELECT. */
    record Unselect() implements ImapCommand { }

    /** EXPUNGE, or RFC 4315 UID EXPUNGE when {@code uids} is not null. */
    record Expunge(SequenceSet uids) implements ImapCommand { }

    /**
     * SEARCH / UID SEARCH (RFC 9051 §6.4.4). {@code charset} null when absent; {@code returns}
     * the RFC 4731 RETURN options (upper-cased; empty list when RETURN () or absent);
     * {@code returnGiven} whether RETURN was written.
     */
    record Search(boolean uid, String charset, SearchKey key, List<String> returns, boolean returnGiven) implements ImapCommand {
        public Search { returns = List.copyOf(returns); }
    }

    /**
     * FETCH / UID FETCH (RFC 9051 §6.4.5); macros ALL, FAST, FULL already expanded. With the
     * RFC 7162 modifiers: {@code changedSince} ({@code CHANGEDSINCE n}, §3.1.4) or -1, and
     * {@code vanished} ({@code VANISHED}, §3.2.6; UID FETCH only, with CHANGEDSINCE).
     */
    record Fetch(boolean uid, SequenceSet set, List<FetchItem> items, long changedSince, boolean vanished) implements ImapCommand {
        public Fetch { items = List.copyOf(items); }

        public Fetch(boolean uid, SequenceSet set, List<FetchItem> items) {
            this(uid, set, items, -1, false);
        }
    }

    /**
     * STORE / UID STORE (RFC 9051 §6.4.6) with the RFC 7162 §3.1.3 {@code UNCHANGEDSINCE}
     * modifier, or -1 when absent.
     */
    record Store(boolean uid, SequenceSet set, StoreMode mode, boolean silent, List<String> flags, long unchangedSince) implements ImapCommand {
        public Store { flags = List.copyOf(flags); }

        public Store(boolean uid, SequenceSet set, StoreMode mode, boolean silent, List<String> flags) {
            this(uid, set, mode, silent, flags, -1);
        }
    }

    enum StoreMode { REPLACE, ADD, REMOVE }

    /** COPY / UID COPY (RFC 9051 §6.4.7). */
    record Copy(boolean uid, SequenceSet set, String mailbox) implements ImapCommand { }

    /** MOVE / UID MOVE (RFC 6851, RFC 9051 §6.4.8). */
    record Move(boolean uid, SequenceSet set, String mailbox) implements ImapCommand { }
}
