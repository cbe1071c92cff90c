/**
 * SMTP as pure functions (RFC 5321 and its extensions), no I/O: the command parser
 * ({@link dev.surel.protocol.smtp.SmtpParser}, a line to a typed
 * {@link dev.surel.protocol.smtp.SmtpCommand}), paths and ESMTP parameters (RFC 1870 SIZE,
 * RFC 6152 8BITMIME, RFC 3030 BINARYMIME, RFC 6531 SMTPUTF8, RFC 3461 DSN, RFC 4954 AUTH=),
 * {@link dev.surel.protocol.smtp.Xtext}, replies with enhanced status codes
 * ({@link dev.surel.protocol.smtp.SmtpReply}, RFC 2034, RFC 3463), and the byte-level state
 * machines of message content: the end of DATA with dot-unstuffing and bare CR / LF detection
 * ({@link dev.surel.protocol.smtp.DataDecoder}, RFC 5321 §4.1.1.4, §4.5.2, §2.3.8), the same
 * check for BDAT chunks ({@link dev.surel.protocol.smtp.BareLineEndings}, RFC 3030) and a
 * scanner of the header section ({@link dev.surel.protocol.smtp.HeaderScanner}).
 */
package dev.surel.protocol.smtp;
