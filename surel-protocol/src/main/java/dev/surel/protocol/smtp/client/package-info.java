/**
 * The client side of SMTP as pure codec pieces: reply parsing (RFC 5321 §4.2), EHLO keyword
 * parsing (RFC 5321 §4.1.1.1), MAIL/RCPT parameter writing (RFC 1870, RFC 6152, RFC 6531,
 * RFC 3461) and the DATA encoder (dot-stuffing, RFC 5321 §4.5.2; line limits, §4.5.3.1.6).
 * No sockets: the server's delivery package drives them.
 */
package dev.surel.protocol.smtp.client;
