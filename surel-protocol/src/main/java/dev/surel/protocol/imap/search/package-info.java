/**
 * SEARCH evaluation (RFC 9051 §6.4.4, RFC 3501 §6.4.4), free of store types: a
 * {@link dev.surel.protocol.imap.SearchKey} is matched against a
 * {@link dev.surel.protocol.imap.search.SearchableMessage}, which the session implements lazily
 * (the body is opened only when a BODY or TEXT key needs it). Also the SEARCH charset check
 * ({@link dev.surel.protocol.imap.SearchCharset}, BADCHARSET) and the lenient RFC 5322 date
 * parser used by SENTBEFORE/SENTON/SENTSINCE ({@link dev.surel.protocol.imap.search.DateHeader}).
 */
package dev.surel.protocol.imap.search;

