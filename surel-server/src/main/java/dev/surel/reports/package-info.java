/**
 * What the server collects to report to other domains: SMTP TLS Reporting results of outbound
 * delivery (RFC 8460) and DMARC outcomes of incoming mail (RFC 7489 §7.2), per day, and the
 * aggregate reports built from them. Sending is the delivery layer's.
 *
 * <p>Layer: domain (docs/adr/0010-layers-and-module-wiring.md).
 */
package dev.surel.reports;
