/**
 * TLS for every listener: {@link dev.surel.tls.TlsManager} builds one server
 * {@link javax.net.ssl.SSLContext} limited to TLS 1.3 and 1.2 (RFC 8996 deprecates 1.0/1.1;
 * cipher suites per RFC 9325 §4.2: forward secrecy and AEAD only), picks the certificate by the
 * SNI host name (RFC 6066 §3) through {@link dev.surel.tls.SniKeyManager}, reloads certificate
 * files when they change, and generates a {@link dev.surel.tls.SelfSignedCertificate} into
 * {@code <data_dir>/tls/} when none is configured. PEM keys are read in PKCS#1, PKCS#8 and SEC1
 * (EC) form by {@link dev.surel.tls.PemFiles}. This package knows nothing about sockets'
 * protocols; {@code dev.surel.net} uses it.
 */
package dev.surel.tls;
