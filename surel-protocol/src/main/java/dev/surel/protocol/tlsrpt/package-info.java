/**
 * SMTP TLS Reporting (RFC 8460), the pure part: the {@code _smtp._tls} TXT record and the JSON
 * aggregate report. Collecting results and sending reports are in surel-server.
 */
package dev.surel.protocol.tlsrpt;
