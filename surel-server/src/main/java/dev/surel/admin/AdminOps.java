package dev.surel.admin;

import dev.surel.store.CheckReport;
import java.io.InputStream;
import java.util.List;

/**
 * What an administrator can do: domains, users, aliases, local delivery, the store check and
 * the delivery queue.
 * One implementation runs against the live services (in the server, or in the CLI when no
 * server runs); the CLI commands only parse arguments and print results.
 */
public interface AdminOps {

    void addDomain(String domain);

    void removeDomain(String domain);

    List<String> listDomains();

    /** Sets ({@code address} non-null) or clears the domain's catch-all. */
    void setCatchAll(String domain, String address);

    void addUser(String address, char[] password);

    void setPassword(String address, char[] password);

    void removeUser(String address);

    /** Users with their quota and usage, one line each. */
    List<String> listUsers(String domainOrNull);

    /** Sets a user's quota; null leaves a part unchanged, 0 = unlimited, negative = back to the default. */
    void setQuota(String address, Long bytes, Long messages);

    void addAlias(String alias, List<String> targets);

    /** Removes the whole alias (target null) or one target. */
    void removeAlias(String alias, String targetOrNull);

    /** Aliases, one line each: "alias -> target, target". */
    List<String> listAliases(String domainOrNull);

    /** Local delivery of one message to the INBOX of every account {@code recipient} resolves to. */
    DeliveryReport deliver(String recipient, InputStream message);

    /**
     * Shows, sets or clears the POP3 leave-on-server policy of a domain ({@code domain} true) or a
     * user: {@code policy} is "delete", "hide", "keep:<days>d", "default" (clears the own
     * policy) or null (shows only). Returns one line: the own policy and the one in force.
     */
    String pop3Policy(boolean domain, String name, String policy);

    /** Verifies the store (blobs with their hashes, UIDs, counts, MODSEQs). */
    CheckReport check();

    /** The delivery queue: one line per message, then one indented line per recipient. */
    List<String> queueList();

    /** One queued message in detail (envelope and every recipient record); unknown id: EX_NOINPUT (66). */
    List<String> queueShow(String queueId);

    /** Makes the queued recipients of one message (or of every message, {@code queueId} null) due now; returns how many. */
    int queueRetry(String queueId);

    /** Deletes a queued message without any DSN; unknown id: EX_NOINPUT (66). */
    void queueDelete(String queueId);

    /**
     * Lifts the login throttle's refusal of an IP address (IPv6: its /64) or of an account, and
     * forgets their recent failures ({@code surel auth unblock}). Returns one line saying what
     * was done. The throttle lives in the running server's memory: without a server there is
     * nothing to lift, and the line says so.
     */
    String unblock(String addressOrIp);

    /**
     * One account's mail for {@code surel import} and {@code surel export} (the admin channel's
     * {@code transfer} requests); an unknown address is EX_NOUSER (67).
     */
    dev.surel.transfer.StoreMailAccess mailAccess(String address);

    /**
     * Backs the data directory up into {@code dir} (absent or empty) while the server serves:
     * a consistent copy of the database, the message files it references and the TLS material,
     * with a manifest written last ({@link dev.surel.backup.Backup}). {@code madeBy} names this
     * Surel in the manifest; {@code progress} hears about each file.
     */
    dev.surel.backup.BackupReport backup(java.nio.file.Path dir, String madeBy, dev.surel.backup.BackupProgress progress);

    /**
     * Creates an active DKIM key for a hosted domain ({@code surel dkim generate}); a running
     * server signs with it from the next message on. {@code selector} null picks one.
     */
    dev.surel.mailauth.DkimKey dkimGenerate(String domain, String selector, dev.surel.protocol.dkim.DkimAlgorithm algorithm);

    /**
     * Creates a pending key on a new selector, to publish before {@link #dkimActivate} ({@code surel
     * dkim rotate}); {@code algorithm} null: that of the domain's one active key (rsa when none).
     */
    dev.surel.mailauth.DkimKey dkimRotate(String domain, dev.surel.protocol.dkim.DkimAlgorithm algorithm);

    /** The DKIM keys of a domain (null: of every domain). */
    List<dev.surel.mailauth.DkimKey> dkimList(String domainOrNull);

    /** Activates a key; the active key of its algorithm is retired. Returns the keys that changed, the activated first. */
    List<dev.surel.mailauth.DkimKey> dkimActivate(String domain, String selector);

    /** Removes a key (an active one only with {@code force}). */
    dev.surel.mailauth.DkimKey dkimRemove(String domain, String selector, boolean force);

    /**
     * Stores a user's Sieve script {@code name} ({@code surel sieve put}), checked as ManageSieve's
     * PUTSCRIPT checks it (a broken one: EX_DATAERR with "line N: ..."); replaces one of that name.
     * Returns true when the script is new.
     */
    boolean sievePut(String address, String name, byte[] script);

    /** A user's script; unknown user EX_NOUSER, unknown script EX_NOINPUT. */
    String sieveGet(String address, String name);

    /** A user's scripts by name. */
    List<dev.surel.sieve.SieveScript> sieveList(String address);

    /** Makes {@code name} the user's active script; the empty name deactivates. */
    void sieveActivate(String address, String name);

    /** Deletes a user's script (not the active one: EX_DATAERR). */
    void sieveDelete(String address, String name);

    /** What {@link #deliver} did. */
    record DeliveryReport(List<String> deliveredTo) {
    }
}
