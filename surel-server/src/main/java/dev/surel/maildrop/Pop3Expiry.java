package dev.surel.maildrop;

import dev.surel.store.InTransaction;
import dev.surel.store.MailStore;
import dev.surel.store.SeenAndExpunge;
import dev.surel.store.sql.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keep:N policy's job (RFC 2449 §6.7 EXPIRE): expunges every live message first
 * downloaded over POP3 at least N days ago (by the injected clock) for accounts whose
 * effective policy is keep:N, then forgets POP3 rows of messages that are gone. An account
 * with an open POP3 session is left for the next run (its snapshot stays valid). One
 * transaction per account. Run every {@code pop3.expire_interval} by the POP3 module.
 */
public final class Pop3Expiry {
    private static final Logger log = LoggerFactory.getLogger(Pop3Expiry.class);

    private final MailStore store;
    private final Pop3Rows rows;
    private final Pop3Policies policies;
    private final MaildropLocks locks;
    private final Clock clock;

    public Pop3Expiry(MailStore store, Pop3Rows rows, Pop3Policies policies, MaildropLocks locks, Clock clock) {
        this.store = store;
        this.rows = rows;
        this.policies = policies;
        this.locks = locks;
        this.clock = clock;
    }

    /** For tests and tools: an expiry over a store and its database, with {@code policy} as the default (no sessions: nothing is locked). */
    public static Pop3Expiry of(MailStore store, Database db, LeavePolicy policy, Clock clock) {
        return new Pop3Expiry(store, new Pop3Rows(db), new Pop3Policies(db, policy), new MaildropLocks(), clock);
    }

    /** One run; returns the number of messages expunged. */
    public int run() {
        long now = clock.millis();
        Map<Long, Map<Long, List<Long>>> victims = new LinkedHashMap<>();
        Map<Long, LeavePolicy> policyOf = new LinkedHashMap<>();
        for (Pop3Rows.Downloaded d : rows.downloadedBefore(now)) {
            LeavePolicy p = policyOf.computeIfAbsent(d.accountId(), policies::effective);
            if (!(p instanceof LeavePolicy.Keep k)) continue;
            if (d.firstDownload() + Duration.ofDays(k.days()).toMillis() > now) continue;
            victims.computeIfAbsent(d.accountId(), a -> new LinkedHashMap<>())
                    .computeIfAbsent(d.mailboxId(), m -> new ArrayList<>()).add(d.uid());
        }
        int expunged = 0;
        for (var account : victims.entrySet()) {
            if (locks.isLocked(account.getKey())) continue;
            List<SeenAndExpunge> changes = new ArrayList<>();
            int n = 0;
            for (var mb : account.getValue().entrySet()) {
                changes.add(new SeenAndExpunge(mb.getKey(), List.of(), mb.getValue()));
                n += mb.getValue().size();
            }
            try {
                store.markSeenAndExpunge(account.getKey(), changes, InTransaction.NOTHING);
                expunged += n;
            } catch (RuntimeException e) {
                log.error("POP3 expiry for account {} failed", account.getKey(), e);
            }
        }
        int orphans = rows.deleteOrphans();
        if (expunged > 0 || orphans > 0) log.info("POP3 expiry: {} messages expunged, {} stale rows removed", expunged, orphans);
        return expunged;
    }
}
