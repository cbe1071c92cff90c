package dev.surel.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Server key manager that chooses the certificate by the SNI host name of the handshake
 * (RFC 6066 §3): an exact domain entry first, then a {@code *.domain} entry, else the default
 * certificate. When the chosen entry's key is not of the key type the JDK asks for, it answers
 * no alias (so the JDK tries its next signature scheme) rather than falling back to another
 * domain's certificate.
 *
 * <p>Invariant: it reads the key material through a supplier at every handshake, so a reload
 * in {@link TlsManager} takes effect for the next handshake without rebuilding the
 * {@code SSLContext}. An alias names one loaded {@link CertifiedKey} of one generation; the
 * previous generation is kept so a handshake that straddles a reload still finds its chain.
 */
final class SniKeyManager extends X509ExtendedKeyManager {

    /** One generation of loaded key material. Aliases are unique across generations. */
    record Snapshot(CertifiedKey defaultKey, String defaultAlias, List<Entry> entries, Map<String, CertifiedKey> byAlias) {}

    record Entry(String pattern, String alias, CertifiedKey key) {}

    private final Supplier<Snapshot> current;
    private final Supplier<Snapshot> previous;

    SniKeyManager(Supplier<Snapshot> current, Supplier<Snapshot> previous) {
        this.current = current;
        this.previous = previous;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        SSLSession hs = socket instanceof SSLSocket s ? s.getHandshakeSession() : null;
        return choose(keyType, sniHostName(hs));
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, sniHostName(engine == null ? null : engine.getHandshakeSession()));
    }

    /** The alias for this key type and SNI name (null name: no SNI sent), or null. */
    String choose(String keyType, String sniName) {
        Snapshot snap = current.get();
        Entry chosen = null;
        if (sniName != null) {
            for (Entry e : snap.entries()) {
                if (!DomainPattern.isWildcard(e.pattern()) && DomainPattern.matches(e.pattern(), sniName)) {
                    chosen = e;
                    break;
                }
            }
            if (chosen == null) {
                for (Entry e : snap.entries()) {
                    if (DomainPattern.isWildcard(e.pattern()) && DomainPattern.matches(e.pattern(), sniName)) {
                        chosen = e;
                        break;
                    }
                }
            }
        }
        CertifiedKey key = chosen == null ? snap.defaultKey() : chosen.key();
        String alias = chosen == null ? snap.defaultAlias() : chosen.alias();
        return keyType == null || keyType.equalsIgnoreCase(key.key().getAlgorithm()) ? alias : null;
    }

    static String sniHostName(SSLSession session) {
        if (session instanceof ExtendedSSLSession ext) {
            for (SNIServerName n : ext.getRequestedServerNames()) {
                if (n.getType() == StandardConstants.SNI_HOST_NAME && n instanceof SNIHostName h) {
                    return h.getAsciiName();
                }
            }
        }
        return null;
    }

    private CertifiedKey lookup(String alias) {
        CertifiedKey k = current.get().byAlias().get(alias);
        if (k == null) {
            Snapshot prev = previous.get();
            k = prev == null ? null : prev.byAlias().get(alias);
        }
        return k;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        CertifiedKey k = lookup(alias);
        return k == null ? null : k.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        CertifiedKey k = lookup(alias);
        return k == null ? null : k.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current.get().byAlias().entrySet().stream()
                .filter(e -> keyType == null || keyType.equalsIgnoreCase(e.getValue().key().getAlgorithm()))
                .map(Map.Entry::getKey).toArray(String[]::new);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
