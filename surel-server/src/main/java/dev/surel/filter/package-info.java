/**
 * Spam scoring and malware scanning of mail arriving on port 25 (issue 15, docs/filtering.md):
 * {@link dev.surel.filter.SpamFilter} starts one {@link dev.surel.filter.FilterRun} per message,
 * which sees the content as it streams in (header rules, GTUBE), asks the configured DNS
 * blocklists about the client (RFC 5782, {@link dev.surel.filter.Dnsbl}) while the data arrives,
 * and at the end scans the spooled message with clamd ({@link dev.surel.filter.ClamdClient}) and
 * rspamd ({@link dev.surel.filter.RspamdClient}) when configured, reading it back from the
 * store as a stream. The outcome is a {@link dev.surel.filter.FilterVerdict}: accept, junk,
 * reject (spam or malware) or defer (a scanner failed), with the {@code X-Spam-*} fields.
 * The pure parts are in surel-protocol ({@code dev.surel.protocol.filter}).
 *
 * <p>The per-user Bayes classifier: {@link dev.surel.filter.BayesStore} keeps what each user's
 * classifier learned (V12), {@link dev.surel.filter.BayesTraining} trains it from IMAP COPY and
 * MOVE into and out of Junk, and {@link dev.surel.filter.RecipientSpam} adds its contribution at
 * local delivery, per recipient; the classifier itself is pure ({@code dev.surel.protocol.bayes}).
 *
 * <p>Layer: domain (docs/adr/0010-layers-and-module-wiring.md), below smtp, above the store and dns.
 */
package dev.surel.filter;
