package dev.surel.server;

import dev.surel.accounts.Account;
import dev.surel.accounts.Directory;
import dev.surel.accounts.DirectoryException;
import dev.surel.accounts.Quota;
import dev.surel.accounts.Recipient;
import dev.surel.accounts.Resolution;
import dev.surel.admin.AdminException;
import dev.surel.admin.AdminOps;
import dev.surel.auth.LoginThrottle;
import dev.surel.backup.Backup;
import dev.surel.backup.BackupException;
import dev.surel.backup.BackupProgress;
import dev.surel.backup.BackupReport;
import dev.surel.backup.DataDirFiles;
import dev.surel.mailauth.DkimKey;
import dev.surel.mailauth.DkimKeyException;
import dev.surel.mailauth.DkimKeyState;
import dev.surel.mailauth.DkimKeys;
import dev.surel.maildrop.Pop3Policies;
import dev.surel.protocol.dkim.DkimAlgorithm;
import dev.surel.queue.QueuedMessage;
import dev.surel.queue.QueuedRecipient;
import dev.surel.queue.SqlMailQueue;
import dev.surel.store.CheckReport;
import dev.surel.store.MailStore;
import dev.surel.store.NewMessage;
import dev.surel.store.SpooledMessage;
import dev.surel.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Supplier;
import dev.surel.sieve.ScriptChecker;
import dev.surel.sieve.ScriptError;
import dev.surel.sieve.ScriptSource;
import dev.surel.sieve.SieveException;
import dev.surel.sieve.SieveScript;
import dev.surel.sieve.SieveScripts;

/**
 * {@link AdminOps} over the live directory and store. Typed errors of those become an
 * {@link AdminException} with a sysexits code here, in one place.
 */
final class LocalAdmin implements AdminOps {

    private final Directory directory;
    private final MailStore store;
    private final SqlMailQueue queue;
    private final Pop3Policies pop3;

    private final LoginThrottle throttle;
    private final DataDirFiles files;
    private final DkimKeys dkim;
    private final SieveScripts sieve;
    private final ScriptChecker checker;
    private final boolean inServer;

    /** {@code inServer}: these operations serve a running server (its admin channel), not a CLI on its own. */
    LocalAdmin(Directory directory, MailStore store, SqlMailQueue queue, Pop3Policies pop3, LoginThrottle throttle,
               DataDirFiles files, DkimKeys dkim, SieveScripts sieve, ScriptChecker checker, boolean inServer) {
        this.directory = directory;
        this.store = store;
        this.queue = queue;
        this.pop3 = pop3;
        this.throttle = throttle;
        this.files = files;
        this.dkim = dkim;
        this.sieve = sieve;
        this.checker = checker;
        this.inServer = inServer;
    }

    @Override
    public boolean sievePut(String address, String name, byte[] script) {
        long id = accountId(address);
        if (script.length > sieve.settings().maxScriptSize()) {
            throw new AdminException(AdminException.CANTCREAT, "a script may have at most " + sieve.settings().maxScriptSize() + " octets");
        }
        return sieve(() -> {
            try {
                String source = ScriptSource.decode(script);
                checker.check(source);
                return sieve.put(id, name, source);
            } catch (ScriptError e) {
                throw new AdminException(AdminException.DATAERR, "script not stored: " + e.getMessage());
            }
        });
    }

    @Override
    public String sieveGet(String address, String name) {
        long id = accountId(address);
        return sieve(() -> sieve.get(id, name));
    }

    @Override
    public List<SieveScript> sieveList(String address) {
        long id = accountId(address);
        return sieve(() -> sieve.list(id));
    }

    @Override
    public void sieveActivate(String address, String name) {
        long id = accountId(address);
        sieve(() -> {
            sieve.setActive(id, name);
            return null;
        });
    }

    @Override
    public void sieveDelete(String address, String name) {
        long id = accountId(address);
        sieve(() -> {
            sieve.delete(id, name);
            return null;
        });
    }

    private long accountId(String address) {
        return run(() -> directory.findUser(address).orElseThrow(() -> new DirectoryException.NoSuchUser(address))).id();
    }

    /** Script errors as sysexits codes, in one place. */
    private static <T> T sieve(Supplier<T> op) {
        try {
            return op.get();
        } catch (SieveException e) {
            int code = switch (e.kind()) {
                case INVALID_NAME, ACTIVE -> AdminException.DATAERR;
                case NONEXISTENT -> AdminException.NOINPUT;
                case ALREADY_EXISTS, TOO_MANY_SCRIPTS, TOO_LARGE -> AdminException.CANTCREAT;
            };
            throw new AdminException(code, e.getMessage());
        }
    }

    @Override
    public DkimKey dkimGenerate(String domain, String selector, DkimAlgorithm algorithm) {
        return dkim(() -> dkim.generate(hosted(domain), selector, algorithm, DkimKeyState.ACTIVE));
    }

    @Override
    public DkimKey dkimRotate(String domain, DkimAlgorithm algorithm) {
        return dkim(() -> {
            String d = hosted(domain);
            DkimAlgorithm a = algorithm;
            if (a == null) {
                List<DkimAlgorithm> active = dkim.list(d).stream().filter(k -> k.state() == DkimKeyState.ACTIVE)
                        .map(DkimKey::algorithm).distinct().toList();
                if (active.size() > 1) {
                    throw new AdminException(AdminException.USAGE, d + " has an active rsa and an active ed25519 key: "
                            + "give --algorithm to say which to roll");
                }
                a = active.isEmpty() ? DkimAlgorithm.RSA_SHA256 : active.getFirst();
            }
            return dkim.generate(d, null, a, DkimKeyState.PENDING);
        });
    }

    @Override
    public List<DkimKey> dkimList(String domainOrNull) {
        return dkim(() -> dkim.list(domainOrNull == null ? null : hosted(domainOrNull)));
    }

    @Override
    public List<DkimKey> dkimActivate(String domain, String selector) {
        return dkim(() -> dkim.activate(hosted(domain), selector));
    }

    @Override
    public DkimKey dkimRemove(String domain, String selector, boolean force) {
        return dkim(() -> dkim.remove(domain, selector, force)); // a removed domain's keys can still be removed
    }

    /** The domain as the directory knows it; DKIM keys are only for domains Surel hosts. */
    private String hosted(String domain) {
        return run(() -> directory.findDomain(domain).map(d -> d.name())
                .orElseThrow(() -> new AdminException(AdminException.NOUSER, "no local domain " + domain
                        + " (DKIM keys are for the domains Surel hosts: surel domain add)")));
    }

    private static <T> T dkim(Supplier<T> op) {
        try {
            return op.get();
        } catch (DkimKeyException e) {
            int code = switch (e.kind()) {
                case INVALID, CONFLICT -> AdminException.DATAERR;
                case NOT_FOUND -> AdminException.NOINPUT;
                case EXISTS -> AdminException.CANTCREAT;
                case IO -> AdminException.IOERR;
            };
            throw new AdminException(code, e.getMessage());
        }
    }

    @Override
    public BackupReport backup(Path dir, String madeBy, BackupProgress progress) {
        try {
            return Backup.run(store, files, dir, madeBy, progress);
        } catch (BackupException e) {
            throw new AdminException(e.exitCode(), e.getMessage());
        }
    }

    @Override
    public String unblock(String addressOrIp) {
        if (addressOrIp == null || addressOrIp.isBlank()) throw new AdminException(AdminException.USAGE, "give an ADDRESS or an IP");
        LoginThrottle.Target target = LoginThrottle.Target.parse(addressOrIp.strip());
        String what = switch (target) {
            case LoginThrottle.Target.Ip ip -> "IP " + ip.address().getHostAddress();
            case LoginThrottle.Target.Account a -> "user " + a.login();
        };
        if (!inServer) {
            return "no server is running: nothing to lift (the login throttle lives in the server's memory and starts "
                    + "empty); " + what + " can log in";
        }
        int refused = throttle.unblock(target);
        return refused > 0 ? "refusal of " + what + " lifted; its failed logins are forgotten"
                : what + " was not refused; its failed logins (if any) are forgotten";
    }

    @Override
    public void addDomain(String domain) {
        run(() -> directory.addDomain(domain));
    }

    @Override
    public void removeDomain(String domain) {
        run(() -> {
            directory.removeDomain(domain);
            return null;
        });
    }

    @Override
    public List<String> listDomains() {
        return run(() -> directory.listDomains().stream()
                .map(d -> d.name() + d.catchAll().map(c -> "  (catch-all: " + c + ")").orElse(""))
                .toList());
    }

    @Override
    public void setCatchAll(String domain, String address) {
        run(() -> {
            if (address == null) directory.clearCatchAll(domain);
            else directory.setCatchAll(domain, address);
            return null;
        });
    }

    @Override
    public void addUser(String address, char[] password) {
        run(() -> directory.addUser(address, password));
    }

    @Override
    public void setPassword(String address, char[] password) {
        run(() -> {
            directory.passwd(address, password);
            return null;
        });
    }

    @Override
    public void removeUser(String address) {
        run(() -> {
            directory.removeUser(address);
            return null;
        });
    }

    @Override
    public List<String> listUsers(String domainOrNull) {
        return run(() -> {
            List<Account> users = domainOrNull == null ? directory.listUsers() : directory.listUsers(domainOrNull);
            List<String> lines = new ArrayList<>();
            for (Account a : users.stream().sorted(Comparator.comparing(Account::address)).toList()) {
                dev.surel.store.Quota q = store.quota(a.id());
                lines.add(String.format(Locale.ROOT, "%s  messages %d/%s  bytes %d/%s", a.address(),
                        q.usedMessages(), limit(q.limitMessages()), q.usedBytes(), limit(q.limitBytes())));
            }
            return lines;
        });
    }

    private static String limit(long l) {
        return l == 0 ? "unlimited" : Long.toString(l);
    }

    @Override
    public void setQuota(String address, Long bytes, Long messages) {
        run(() -> {
            Account a = directory.findUser(address).orElseThrow(() -> new DirectoryException.NoSuchUser(address));
            directory.setQuota(address, new Quota(next(a.quota().bytes(), bytes), next(a.quota().messages(), messages)));
            return null;
        });
    }

    /** null: unchanged; negative: back to the default (empty); else the new limit (0 = unlimited). */
    private static OptionalLong next(OptionalLong current, Long requested) {
        if (requested == null) return current;
        return requested < 0 ? OptionalLong.empty() : OptionalLong.of(requested);
    }

    @Override
    public void addAlias(String alias, List<String> targets) {
        run(() -> directory.addAlias(alias, targets));
    }

    @Override
    public void removeAlias(String alias, String targetOrNull) {
        run(() -> {
            if (targetOrNull == null) directory.removeAlias(alias);
            else directory.removeAliasTarget(alias, targetOrNull);
            return null;
        });
    }

    @Override
    public List<String> listAliases(String domainOrNull) {
        return run(() -> directory.listAliases().stream()
                .filter(a -> domainOrNull == null
                        || a.address().endsWith("@" + domainOrNull.toLowerCase(Locale.ROOT)))
                .map(a -> a.address() + " -> " + String.join(", ", a.targets()))
                .toList());
    }

    /**
     * Local delivery: resolves the recipient (aliases, sub-address, catch-all, postmaster), spools
     * the message once (without a leading mbox "From " line) and appends it to each account's INBOX.
     * Not atomic across several accounts: a failure after the first append leaves the earlier
     * deliveries in place, as any MDA does; the exit code then says which part failed.
     */
    @Override
    public DeliveryReport deliver(String recipient, InputStream message) {
        return run(() -> {
            Resolution r = directory.resolve(recipient);
            List<Recipient> targets = switch (r) {
                case Resolution.Local l when !l.recipients().isEmpty() ->
                        l.recipients().stream().sorted(Comparator.comparing(Recipient::address)).toList();
                case Resolution.Local l -> throw new AdminException(AdminException.NOUSER,
                        recipient + " resolves to no local mailbox (external targets are not supported yet: "
                                + String.join(", ", l.unsupportedExternal()) + ")");
                case Resolution.UnknownUser u -> throw new AdminException(AdminException.NOUSER, "no such user: " + u.address());
                case Resolution.NotLocalDomain d -> throw new AdminException(AdminException.NOUSER, "not a local domain: " + d.domain());
            };
            List<String> delivered = new ArrayList<>();
            try (SpooledMessage spooled = store.spool(withoutMboxFromLine(message))) {
                for (Recipient t : targets) {
                    long inbox = store.mailbox(t.accountId(), "INBOX").id();
                    store.append(t.accountId(), inbox, NewMessage.of(spooled));
                    delivered.add(t.address());
                }
            }
            return new DeliveryReport(delivered);
        });
    }

    /** Drops a first line "From sender date" (an mbox separator, not a header field). */
    static InputStream withoutMboxFromLine(InputStream in) {
        try {
            PushbackInputStream p = new PushbackInputStream(in, 5);
            byte[] head = p.readNBytes(5);
            if (new String(head, StandardCharsets.ISO_8859_1).equals("From ")) {
                int c;
                while ((c = p.read()) >= 0 && c != '\n') {
                    // skip the separator line
                }
            } else {
                p.unread(head);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public dev.surel.transfer.StoreMailAccess mailAccess(String address) {
        Account a = run(() -> directory.findUser(address).orElseThrow(() -> new DirectoryException.NoSuchUser(address)));
        return new dev.surel.transfer.StoreMailAccess(store, a.id());
    }

    @Override
    public String pop3Policy(boolean domain, String name, String policy) {
        return run(() -> {
            dev.surel.maildrop.LeavePolicy parsed = null;
            boolean clear = policy != null && policy.equalsIgnoreCase("default");
            if (policy != null && !clear) {
                try {
                    parsed = dev.surel.maildrop.LeavePolicy.parse(policy);
                } catch (IllegalArgumentException e) {
                    throw new AdminException(AdminException.USAGE, e.getMessage());
                }
            }
            Pop3Policies.Scope scope = domain ? Pop3Policies.Scope.DOMAIN : Pop3Policies.Scope.ACCOUNT;
            long id = domain
                    ? directory.findDomain(name).orElseThrow(() -> new DirectoryException.NoSuchDomain(name)).id()
                    : directory.findUser(name).orElseThrow(() -> new DirectoryException.NoSuchUser(name)).id();
            if (policy != null) pop3.set(scope, id, parsed);
            String own = pop3.own(scope, id).map(dev.surel.maildrop.LeavePolicy::text).orElse("none (inherited)");
            String inForce = domain
                    ? pop3.own(scope, id).orElse(pop3.fallback()).text()
                    : pop3.effective(id).text();
            return (domain ? "domain " : "user ") + name + "  pop3 policy: " + own + "  in force: " + inForce;
        });
    }

    @Override
    public CheckReport check() {
        return store.check();
    }

    @Override
    public List<String> queueList() {
        List<String> lines = new ArrayList<>();
        int recipients = 0;
        List<QueuedMessage> all = queue.list();
        for (QueuedMessage m : all) {
            lines.add(String.format(Locale.ROOT, "%-16s %9d  %s  <%s>", m.queueId(), m.size(), m.receivedAt(), m.reversePath()));
            for (QueuedRecipient r : m.recipients()) {
                recipients++;
                lines.add("    " + recipientLine(r));
            }
        }
        lines.add(all.size() + " message(s), " + recipients + " recipient record(s)");
        return lines;
    }

    private static String recipientLine(QueuedRecipient r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-9s %s", r.state().name().toLowerCase(Locale.ROOT),
                r.recipient().address()));
        b.append(r.recipient().isLocal() ? " (local)" : " (remote)");
        b.append(", attempts ").append(r.attempts());
        if (r.state() == QueuedRecipient.State.QUEUED) b.append(", next ").append(r.nextAttemptAt());
        if (r.lastReply() != null) b.append(", last: ").append(r.lastReply().replaceAll("[\\r\\n]+", " "));
        return b.toString();
    }

    @Override
    public List<String> queueShow(String queueId) {
        QueuedMessage m = queue.find(queueId).orElseThrow(() -> noSuchQueueId(queueId));
        List<String> lines = new ArrayList<>();
        lines.add("queue id:     " + m.queueId());
        lines.add("received:     " + m.receivedAt() + (m.clientAddress() == null ? "" : " from " + m.clientAddress())
                + (m.authenticatedAs() == null ? "" : " (authenticated as " + m.authenticatedAs() + ")"));
        lines.add("size:         " + m.size());
        lines.add("reverse path: <" + m.reversePath() + ">");
        lines.add("body:         " + m.body() + (m.smtputf8() ? ", SMTPUTF8" : ""));
        if (m.ret() != null) lines.add("ret:          " + m.ret());
        if (m.envid() != null) lines.add("envid:        " + m.envid());
        lines.add("blob:         " + m.blobHash());
        for (QueuedRecipient r : m.recipients()) {
            lines.add("recipient:    " + recipientLine(r));
            lines.add("              rcpt to <" + r.recipient().rcptTo() + ">"
                    + (r.recipient().orcpt() == null ? "" : ", orcpt " + r.recipient().orcpt())
                    + (r.recipient().notifyOn().isEmpty() ? "" : ", notify " + r.recipient().notifyOn())
                    + (r.lastStatus() == null ? "" : ", status " + r.lastStatus())
                    + (r.remoteHost() == null ? "" : ", host " + r.remoteHost())
                    + (r.state() != QueuedRecipient.State.QUEUED && !r.reported() ? ", DSN pending" : ""));
        }
        return lines;
    }

    @Override
    public int queueRetry(String queueId) {
        if (queueId != null && queue.find(queueId).isEmpty()) throw noSuchQueueId(queueId);
        return queue.retry(queueId);
    }

    @Override
    public void queueDelete(String queueId) {
        if (!queue.delete(queueId)) throw noSuchQueueId(queueId);
    }

    private static AdminException noSuchQueueId(String queueId) {
        return new AdminException(AdminException.NOINPUT, "no queued message " + queueId);
    }

    private static <T> T run(Supplier<T> op) {
        try {
            return op.get();
        } catch (DirectoryException e) {
            int code = switch (e) {
                case DirectoryException.NoSuchDomain x -> AdminException.NOUSER;
                case DirectoryException.NoSuchUser x -> AdminException.NOUSER;
                case DirectoryException.NoSuchAlias x -> AdminException.NOUSER;
                case DirectoryException.AlreadyExists x -> 73; // EX_CANTCREAT
                case DirectoryException.InvalidAddress x -> AdminException.DATAERR;
                case DirectoryException.InvalidPassword x -> AdminException.DATAERR;
                case DirectoryException.DomainNotEmpty x -> AdminException.DATAERR;
                case DirectoryException.AliasLoop x -> AdminException.DATAERR;
                case DirectoryException.AliasTooDeep x -> AdminException.DATAERR;
            };
            throw new AdminException(code, e.getMessage());
        } catch (StoreException.OverQuota e) {
            throw new AdminException(AdminException.TEMPFAIL, "over quota: " + e.getMessage());
        } catch (StoreException.BadMessage e) {
            throw new AdminException(AdminException.DATAERR, e.getMessage());
        } catch (StoreException e) {
            throw new AdminException(AdminException.SOFTWARE, e.getMessage());
        } catch (UncheckedIOException e) {
            throw new AdminException(AdminException.TEMPFAIL, "I/O error: " + e.getMessage());
        }
    }
}
