/**
 * One DNS resolver for every lookup the server makes (MX, A/AAAA, TXT, TLSA, PTR):
 * {@link dev.surel.dns.DnsResolver} asks the configured servers in turn (failover) with a
 * timeout, through dnsjava, and keeps a bounded {@link dev.surel.dns.DnsCache} that honours
 * record TTLs and caches negative answers (RFC 2308 §5). Every lookup returns a typed
 * {@link dev.surel.dns.Lookup}: records found, no such domain (NXDOMAIN), no records of the type
 * (NODATA) or a temporary failure (SERVFAIL, REFUSED, timeout) — the distinction mail
 * authentication needs (RFC 7208 §5 "temperror" vs "none"). The AD bit (RFC 4035 §3.2.3,
 * RFC 6840 §5.7) is asked for and reported only for TLSA (DANE, RFC 7672); unsigned zones stay
 * valid for every other lookup. Base layer: depends on nothing above {@code net}.
 */
package dev.surel.dns;
