/**
 * Outbound delivery to other servers: {@link dev.surel.delivery.SmtpRemoteTransport} (the
 * queue's {@link dev.surel.queue.RemoteTransport}) picks the hosts (route table, relay host,
 * MX / A / AAAA per RFC 5321 §5.1, null MX per RFC 7505) with {@link dev.surel.delivery.MxResolver}
 * and speaks SMTP to them with {@link dev.surel.delivery.SmtpClientConnection}.
 */
package dev.surel.delivery;
