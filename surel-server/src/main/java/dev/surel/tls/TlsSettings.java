package dev.surel.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * TLS configuration of the server.
 *
 * <table>
 * <caption>TOML keys</caption>
 * <tr><th>component</th><th>TOML key</th><th>type</th><th>default</th></tr>
 * <tr><td>{@code cert}</td><td>{@code [tls] cert}</td><td>path to a PEM certificate chain
 *     (leaf first)</td><td>absent: a self-signed certificate is generated into
 *     {@code <data_dir>/tls/}</td></tr>
 * <tr><td>{@code key}</td><td>{@code [tls] key}</td><td>path to a PEM private key (PKCS#1,
 *     PKCS#8 or EC; not encrypted)</td><td>absent; required when {@code cert} is set</td></tr>
 * <tr><td>{@code sni}</td><td>{@code [[tls.sni]]} tables with {@code domain} (string,
 *     {@code "example.com"} or {@code "*.example.com"}), {@code cert}, {@code key}
 *     (paths)</td><td>array of tables</td><td>empty: the default certificate for every name</td></tr>
 * <tr><td>{@code reloadInterval}</td><td>{@code [tls] reload_interval}</td><td>duration
 *     ("60s"); "0s" turns periodic checking off</td><td>60 s</td></tr>
 * </table>
 *
 * <p>Invariant: {@code cert} and {@code key} are both set or both absent.
 */
public record TlsSettings(Path cert, Path key, List<SniCertificate> sni, Duration reloadInterval) {

    /** One per-domain certificate: {@code [[tls.sni]] domain = "*.example.com", cert = "...", key = "..."}. */
    public record SniCertificate(String domain, Path cert, Path key) {
        public SniCertificate {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(key, "key");
            DomainPattern.validate(domain);
        }
    }

    public TlsSettings {
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("[tls] cert and [tls] key must be given together");
        }
        sni = List.copyOf(sni);
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        if (reloadInterval.isNegative()) {
            throw new IllegalArgumentException("[tls] reload_interval must not be negative");
        }
    }

    /** No certificate configured (self-signed), no SNI certificates, reload check every 60 s. */
    public static TlsSettings defaults() {
        return new TlsSettings(null, null, List.of(), Duration.ofSeconds(60));
    }

    /** Same settings with the given default certificate and key. */
    public TlsSettings withCertificate(Path cert, Path key) {
        return new TlsSettings(cert, key, sni, reloadInterval);
    }

    /** Same settings with these per-domain certificates. */
    public TlsSettings withSni(List<SniCertificate> sni) {
        return new TlsSettings(cert, key, sni, reloadInterval);
    }
}
