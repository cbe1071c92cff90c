/**
 * SMTP: the MX, submission and submissions listeners (RFC 5321, RFC 6409, RFC 8314) and their
 * sessions. {@link dev.surel.smtp.SmtpModule} gives each endpoint a service whose connections
 * run one {@link dev.surel.smtp.SmtpSession}: a state machine that reads a command line, has
 * the pure parser of {@code dev.surel.protocol.smtp} type it, and hands it to one handler per
 * command ({@code HeloHandler}, {@code MailHandler}, {@code RcptHandler}, {@code DataHandler},
 * {@code BdatHandler}, {@code AuthHandler}, {@code StartTlsHandler}, {@code InfoHandler}).
 * Policy hooks ({@code SenderPolicy}, {@code RecipientPolicy}) answer with a sealed
 * {@code PolicyResult}: accept, defer (4xx) or reject (5xx). Message content streams through a
 * {@code MessageWriter} (Received:, limits, fields added on submission) into the store's spool
 * while it is read, and goes to the {@link dev.surel.queue.MailQueue}; the client hears 250 only
 * after the queue made it durable.
 */
package dev.surel.smtp;
