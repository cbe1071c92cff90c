package dev.surel.server;

import dev.surel.accounts.Directory;
import dev.surel.admin.AdminOps;
import dev.surel.auth.Authenticator;
import dev.surel.auth.LoginGuard;
import dev.surel.auth.LoginThrottle;
import dev.surel.auth.PasswordHashing;
import dev.surel.auth.Sleeper;
import dev.surel.backup.DataDirFiles;
import dev.surel.config.SurelConfig;
import dev.surel.dns.DnsResolver;
import dev.surel.mailauth.DkimKeys;
import dev.surel.mailauth.MtaStsCache;
import dev.surel.mailauth.OutboundSigner;
import dev.surel.mailauth.SrsSecret;
import dev.surel.maildrop.Pop3Policies;
import dev.surel.net.CleartextPolicy;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.protocol.srs.Srs;
import dev.surel.queue.SqlMailQueue;
import dev.surel.reports.DmarcResults;
import dev.surel.reports.TlsResults;
import dev.surel.sieve.CompilingScriptChecker;
import dev.surel.sieve.ScriptChecker;
import dev.surel.sieve.SieveScripts;
import dev.surel.store.MailStore;
import dev.surel.store.StoreSettings;
import dev.surel.store.blob.BlobStore;
import dev.surel.store.sql.Database;
import dev.surel.store.sql.SqlMailStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * The services of one data directory, wired with plain constructors in this one place: the
 * metadata database and blob store, the mail store, the directory of domains, users and
 * aliases (sharing the store's database, so a user and their mailboxes are created in one
 * transaction), the delivery queue's records (same database), authentication with its
 * throttle, the admin operations, and the one DNS resolver ({@code [dns]}) every lookup goes
 * through (MX, A/AAAA, TXT for SPF, DKIM and DMARC, TLSA, PTR).
 *
 * <p>Open it only while holding the data directory's lock. A server opens it with periodic
 * store maintenance; the CLI (working without a server) opens it without.
 */
public final class Services implements AutoCloseable {

    public static final String DATABASE = "surel.db";
    public static final String BLOBS = "blobs";
    /** The generated self-signed certificate and key ({@code dev.surel.tls.SelfSignedCertificate}). */
    public static final String TLS = "tls";
    /** The DKIM keys of the hosted domains ({@link DkimKeys}). */
    public static final String DKIM = "dkim";
    /** The full-text index of SEARCH ({@code [search] full_text}); rebuilt from the store when missing, so no backup copies it. */
    public static final String FULL_TEXT = "fts";

    private final Database db;
    private final SqlMailStore store;
    private final Directory directory;
    private final LoginGuard loginGuard;
    private final CleartextPolicy cleartext;
    private final AdminOps admin;
    private final SqlMailQueue queue;
    private final MimeSettings mime;
    private final DnsResolver dns;
    private final Srs srs;
    private final TlsResults tlsResults;
    private final DmarcResults dmarcResults;
    private final DkimKeys dkim;
    private final MtaStsCache mtaStsCache;
    private final SieveScripts sieveScripts;
    private dev.surel.sieve.SieveRunner sieveRunner; // guarded by this
    private final dev.surel.sieve.SieveSettings sieveSettings;
    private final ScriptChecker scriptChecker;
    private final dev.surel.filter.BayesStore bayes;
    private final dev.surel.filter.BayesTraining bayesTraining;
    private final dev.surel.fulltext.FullTextIndex fullText;

    private Services(SurelConfig config, Clock clock, boolean periodicMaintenance) {
        Path data = config.dataDir();
        StoreSettings ss = config.store();
        if (!periodicMaintenance) ss = ss.withGcInterval(Duration.ZERO);
        SecureRandom random = new SecureRandom();
        Database db = Database.openSqlite(data.resolve(DATABASE), ss.readConnections());
        this.db = db;
        this.mime = config.mime();
        this.dns = new DnsResolver(config.dns(), clock);
        this.store = new SqlMailStore(db, new BlobStore(data.resolve(BLOBS)), ss, mime, clock);
        PasswordHashing hashing = new PasswordHashing(config.auth(), random);
        this.directory = new Directory(db, config.directory(), hashing, store::initializeAccount, store::deleteAccountData, clock);
        Authenticator authenticator = new Authenticator(directory, hashing, config.auth(), random);
        LoginThrottle throttle = new LoginThrottle(config.auth().throttle(), clock);
        this.loginGuard = new LoginGuard(authenticator, throttle, Sleeper.REAL, config.auth(), random);
        this.cleartext = config.cleartext();
        this.queue = new SqlMailQueue(db, store.blobStore(), clock);
        this.srs = SrsSecret.load(db, random);
        this.tlsResults = new TlsResults(db);
        this.dmarcResults = new DmarcResults(db);
        this.mtaStsCache = new MtaStsCache(db);
        this.dkim = DkimKeys.open(data.resolve(DKIM), clock);
        this.sieveScripts = new SieveScripts(db, config.sieve(), clock);
        this.sieveSettings = config.sieve();
        this.scriptChecker = new CompilingScriptChecker();
        this.bayes = new dev.surel.filter.BayesStore(db, config.bayes(), clock);
        this.bayesTraining = periodicMaintenance ? dev.surel.filter.BayesTraining.over(bayes, store, mime)
                : dev.surel.filter.BayesTraining.off();
        this.fullText = periodicMaintenance && config.search().enabled()
                ? dev.surel.fulltext.FullTextIndex.open(data.resolve(FULL_TEXT), store, mime,
                        () -> directory.listUsers().stream().map(dev.surel.accounts.Account::id).toList()) : dev.surel.fulltext.FullTextIndex.off();
        this.admin = new LocalAdmin(directory, store, queue, new Pop3Policies(db, config.pop3().policy()), throttle,
                files(data), dkim, sieveScripts, scriptChecker, periodicMaintenance);
    }

    /** What a backup copies from the data directory {@code data}, and where a restore puts it. */
    public static DataDirFiles files(Path data) {
        return new DataDirFiles(data, data.resolve(DATABASE), data.resolve(BLOBS), data.resolve(TLS), data.resolve(DKIM));
    }

    /** For the server: with periodic store maintenance ({@code [store] gc_interval}). */
    public static Services open(SurelConfig config, Clock clock) {
        return new Services(config, clock, true);
    }

    /** For the CLI working on the data directory without a server: no background threads. */
    public static Services openForCli(SurelConfig config) {
        return new Services(config, Clock.systemUTC(), false);
    }

    /** The metadata database the store and directory share (for other durable parts: the queue, POP3 state). */
    public Database database() {
        return db;
    }

    public MailStore store() {
        return store;
    }

    public Directory directory() {
        return directory;
    }

    /** What protocol sessions call to log a user in (throttled; SASL mechanisms per peer). */
    public LoginGuard loginGuard() {
        return loginGuard;
    }

    /** The one clear-text rule for every protocol ({@code [auth] cleartext_networks}). */
    public CleartextPolicy cleartext() {
        return cleartext;
    }

    /** The durable delivery queue (data only: the server's QueueModule delivers from it). */
    public SqlMailQueue queue() {
        return queue;
    }

    /** The MIME parser's limits ({@code [mime]}). */
    public MimeSettings mime() {
        return mime;
    }

    /** The DNS resolver ({@code [dns]}) every lookup goes through; its cache reads the services' clock for TTLs. */
    public DnsResolver dns() {
        return dns;
    }

    /** The sender rewriting of forwarded mail, with this data directory's key. */
    public Srs srs() {
        return srs;
    }

    /** TLS outcomes of outbound delivery, per day, for TLS reports (RFC 8460). */
    public TlsResults tlsResults() {
        return tlsResults;
    }

    /** DMARC outcomes of incoming mail, per day, for aggregate reports (RFC 7489 §7.2). */
    public DmarcResults dmarcResults() {
        return dmarcResults;
    }

    /** The DKIM keys ({@code surel dkim}); the outbound transport signs with them. */
    public DkimKeys dkim() {
        return dkim;
    }

    /** Signs submitted and server-written mail with the active DKIM keys, stamping t= from {@code clock}. */
    public OutboundSigner dkimSigner(Clock clock) {
        return new OutboundSigner(dkim, clock);
    }

    /** Recipient domains' MTA-STS policies, kept across restarts (RFC 8461 §10.3). */
    public MtaStsCache mtaStsCache() {
        return mtaStsCache;
    }

    /** The users' Sieve scripts ({@code [sieve]} limits): ManageSieve, {@code surel sieve}, delivery. */
    public SieveScripts sieveScripts() {
        return sieveScripts;
    }

    /**
     * The Sieve runner with the site's global scripts ({@code sieve.before}/{@code after}), read and
     * compiled on first use (the server's start): one instance for SMTP and delivery, so both
     * share its compiled scripts. Commands that never deliver do not read the files.
     */
    public synchronized dev.surel.sieve.SieveRunner sieveRunner() {
        if (sieveRunner == null) sieveRunner = dev.surel.sieve.SieveRunner.load(sieveSettings);
        return sieveRunner;
    }

    /** What every script passes before it is stored (PUTSCRIPT, CHECKSCRIPT, {@code surel sieve put}). */
    public ScriptChecker scriptChecker() {
        return scriptChecker;
    }

    public AdminOps admin() {
        return admin;
    }

    /** What the users' Bayes classifiers learned ({@code [filter]} bayes). */
    public dev.surel.filter.BayesStore bayes() {
        return bayes;
    }

    /** Trains the Bayes classifiers from IMAP moves (a worker thread; none for the CLI). */
    public dev.surel.filter.BayesTraining bayesTraining() {
        return bayesTraining;
    }

    /** The full-text index of IMAP SEARCH ({@code [search]}; none for the CLI). */
    public dev.surel.fulltext.FullTextIndex fullText() {
        return fullText;
    }

    @Override
    public void close() {
        fullText.close();
        bayesTraining.close();
        store.close();
    }
}
