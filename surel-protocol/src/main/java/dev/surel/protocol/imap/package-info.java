/**
 * IMAP on the wire, without I/O: the command parser ({@link dev.surel.protocol.imap.ImapParser},
 * a line plus literals to a sealed {@link dev.surel.protocol.imap.ImapCommand} of records; it
 * dispatches by command name to package-private parsers per command family that share one
 * lexer, {@code CommandCursor}), the response octets
 * ({@link dev.surel.protocol.imap.ResponseBuilder}), and the types shared with the server:
 * sequence sets, search keys, FETCH items and sections, response values.
 */
package dev.surel.protocol.imap;
