/**
 * Spam scoring and malware scanning, the pure parts (docs/filtering.md): the streaming
 * {@link dev.surel.protocol.filter.ContentScanner} (header fields the rules look at, GTUBE in the
 * first KiB of the body), the rules that turn what it saw and the mail-authentication results into
 * {@link dev.surel.protocol.filter.Contribution}s, the {@link dev.surel.protocol.filter.SpamScore}
 * and its {@code X-Spam-Score} / {@code X-Spam-Status} fields, the removal of forged incoming
 * {@code X-Spam-*} fields ({@link dev.surel.protocol.filter.SpamFieldFilter}), and the wire formats
 * of clamd ({@link dev.surel.protocol.filter.ClamdProtocol}) and rspamd
 * ({@link dev.surel.protocol.filter.RspamdReply}); and greylisting's key
 * ({@link dev.surel.protocol.filter.GreylistTriplet}) and decision
 * ({@link dev.surel.protocol.filter.GreylistState}, RFC 6647). No I/O, no DNS: the server's
 * {@code dev.surel.filter} does the lookups and talks to the scanners.
 */
package dev.surel.protocol.filter;
