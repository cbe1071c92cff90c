/**
 * DMARC aggregate reports (RFC 7489 §7.2, Appendix C), the pure part: the XML feedback document
 * and the {@code rua} addresses a policy names. Collecting results and sending are in surel-server.
 */
package dev.surel.protocol.dmarcreport;
