package dev.surel.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of TLS: one {@link SSLContext} for all listeners, limited to
 * {@link #PROTOCOLS} (TLS 1.3 and 1.2; RFC 8996 forbids 1.0 and 1.1) and to the JDK's default
 * cipher suites that have forward secrecy and an AEAD cipher (RFC 9325 §4.2), server order
 * preferred. The certificate is chosen per handshake by SNI ({@link SniKeyManager}).
 *
 * <p>Reload: {@link #reloadIfChanged()} compares each configured file's modification time,
 * size and SHA-256 with what was loaded; when one differs it loads all files again and swaps
 * them in for the next handshake (established sessions keep theirs). A broken new file (bad
 * PEM, key not matching the certificate, half-written) keeps the old material, is logged
 * once as an error and retried at the next check. {@link #start} runs the check every
 * {@code [tls] reload_interval} on a virtual thread (a plain sleep: a file poll, not a
 * protocol timer; tests call {@link #reloadIfChanged()} directly).
 *
 * <p>Invariants: no key material in logs; {@link #close()} stops the poller; thread-safe.
 */
public final class TlsManager implements AutoCloseable {
    /** Enabled protocol versions, most preferred first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final Logger log = LoggerFactory.getLogger(TlsManager.class);

    /** The files that make up the key material: default cert/key, then each SNI entry. */
    private record Source(String pattern, Path cert, Path key) {}

    private final List<Source> sources;
    private final SSLContext context;
    private final SSLParameters parameters;
    private final AtomicLong aliasCounter = new AtomicLong();
    private volatile SniKeyManager.Snapshot current;
    private volatile SniKeyManager.Snapshot previous;
    private List<String> loadedStamps;
    private List<String> failedStamps;
    private final Thread poller;

    private TlsManager(TlsSettings settings, Path defaultCert, Path defaultKey) throws TlsConfigException {
        List<Source> src = new ArrayList<>();
        src.add(new Source(null, defaultCert, defaultKey));
        for (TlsSettings.SniCertificate s : settings.sni()) {
            src.add(new Source(s.domain(), s.cert(), s.key()));
        }
        this.sources = List.copyOf(src);
        List<String> stamps = stamps();
        this.current = load();
        this.loadedStamps = stamps;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new SniKeyManager(() -> current, () -> previous)}, null, null);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("cannot create the TLS context: " + e.getMessage(), e);
        }
        parameters = serverParameters(context);
        if (!settings.reloadInterval().isZero()) {
            long millis = settings.reloadInterval().toMillis();
            poller = Thread.ofVirtual().name("tls-reload").start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(millis);
                        reloadIfChanged();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } else {
            poller = null;
        }
    }

    /**
     * Builds the manager for these settings: with {@code [tls] cert}/{@code key} when set, else
     * with the self-signed certificate of {@code <dataDir>/tls/} (generated when needed for
     * {@code hostname}). Starts the reload poller when {@code reloadInterval} is not zero.
     */
    public static TlsManager start(TlsSettings settings, Path dataDir, String hostname, Clock clock)
            throws TlsConfigException {
        if (settings.cert() != null) {
            return new TlsManager(settings, settings.cert(), settings.key());
        }
        SelfSignedCertificate.Location generated = SelfSignedCertificate.ensure(dataDir, hostname, clock);
        return new TlsManager(settings, generated.cert(), generated.key());
    }

    /** Builds the manager from configured files only ({@code [tls] cert} must be set). */
    public static TlsManager start(TlsSettings settings) throws TlsConfigException {
        if (settings.cert() == null) {
            throw new TlsConfigException("[tls] cert and key are not set");
        }
        return new TlsManager(settings, settings.cert(), settings.key());
    }

    /** The server context (its key manager follows reloads). */
    public SSLContext context() {
        return context;
    }

    /** A copy of the parameters every server socket gets: protocols, suites, server order. */
    public SSLParameters serverParameters() {
        SSLParameters p = new SSLParameters(parameters.getCipherSuites(), parameters.getProtocols());
        p.setUseCipherSuitesOrder(true);
        return p;
    }

    /**
     * Layers a server-mode TLS socket over an accepted plain socket, configured with
     * {@link #serverParameters()}. No bytes already read from {@code plain} are handed to TLS:
     * the caller must have discarded them (STARTTLS, RFC 3207 §4.2). The handshake is not
     * started here.
     */
    public SSLSocket wrapServer(Socket plain) throws IOException {
        SSLSocketFactory f = context.getSocketFactory();
        SSLSocket s = (SSLSocket) f.createSocket(plain, null, true);
        s.setUseClientMode(false);
        s.setSSLParameters(serverParameters());
        return s;
    }

    /** The default certificate currently served (no SNI or no matching domain). */
    public CertifiedKey defaultCertificate() {
        return current.defaultKey();
    }

    /**
     * Loads the files again when any of them changed since the last successful load. Returns
     * true when new material was swapped in; false when nothing changed or the new files are
     * broken (the old material stays, the error is logged once per distinct broken state).
     */
    public synchronized boolean reloadIfChanged() {
        List<String> stamps = stamps();
        if (stamps.equals(loadedStamps) || stamps.equals(failedStamps)) {
            return false;
        }
        try {
            SniKeyManager.Snapshot fresh = load();
            previous = current;
            current = fresh;
            loadedStamps = stamps;
            failedStamps = null;
            log.info("TLS certificates reloaded (default: {})", fresh.defaultKey().leaf().getSubjectX500Principal());
            return true;
        } catch (TlsConfigException e) {
            failedStamps = stamps;
            log.error("TLS certificate files changed but cannot be loaded; keeping the previous certificates: {}",
                    e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.interrupt();
        }
    }

    private SniKeyManager.Snapshot load() throws TlsConfigException {
        Map<String, CertifiedKey> byAlias = new HashMap<>();
        List<SniKeyManager.Entry> entries = new ArrayList<>();
        CertifiedKey def = null;
        String defAlias = null;
        for (Source s : sources) {
            CertifiedKey ck = PemFiles.load(s.cert(), s.key());
            String alias = "k" + aliasCounter.incrementAndGet();
            byAlias.put(alias, ck);
            if (s.pattern() == null) {
                def = ck;
                defAlias = alias;
            } else {
                entries.add(new SniKeyManager.Entry(s.pattern(), alias, ck));
            }
        }
        return new SniKeyManager.Snapshot(def, defAlias, List.copyOf(entries), Map.copyOf(byAlias));
    }

    /** One stamp per file: "mtime size sha256", or "missing"/"unreadable: ..." */
    private List<String> stamps() {
        Map<Path, String> out = new LinkedHashMap<>();
        for (Source s : sources) {
            for (Path p : List.of(s.cert(), s.key())) {
                out.computeIfAbsent(p, TlsManager::stamp);
            }
        }
        return List.copyOf(out.values());
    }

    private static String stamp(Path p) {
        try {
            FileTime mtime = Files.getLastModifiedTime(p);
            byte[] content = Files.readAllBytes(p);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            Arrays.fill(content, (byte) 0);
            return mtime.toMillis() + " " + content.length + " " + HexFormat.of().formatHex(digest);
        } catch (IOException e) {
            return "unreadable: " + e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    private static SSLParameters serverParameters(SSLContext ctx) {
        SSLParameters defaults = ctx.getDefaultSSLParameters();
        List<String> supported = Arrays.asList(ctx.getSupportedSSLParameters().getProtocols());
        String[] protocols = PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new);
        String[] suites = Arrays.stream(defaults.getCipherSuites()).filter(TlsManager::strongSuite).toArray(String[]::new);
        SSLParameters p = new SSLParameters(suites, protocols);
        p.setUseCipherSuitesOrder(true);
        return p;
    }

    /** TLS 1.3 suites, and TLS 1.2 suites with (EC)DHE key exchange and an AEAD cipher. */
    static boolean strongSuite(String s) {
        if (s.equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV")) {
            return true;
        }
        if (s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_")) {
            return true;
        }
        boolean pfs = s.startsWith("TLS_ECDHE_") || s.startsWith("TLS_DHE_");
        boolean aead = s.contains("_GCM_") || s.contains("_CHACHA20_POLY1305_");
        boolean weak = s.contains("_anon_") || s.contains("_NULL_") || s.contains("_EXPORT") || s.contains("_RC4_")
                || s.contains("_DES") || s.contains("_3DES_") || s.contains("_MD5");
        return pfs && aead && !weak;
    }
}
