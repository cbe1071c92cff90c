/**
 * The durable delivery queue. {@link dev.surel.queue.SqlMailQueue} keeps accepted messages
 * (blob plus one record per recipient, committed before the SMTP 250);
 * {@link dev.surel.queue.QueueRunner} delivers them: local recipients into INBOX exactly once,
 * remote ones through a {@link dev.surel.queue.RemoteTransport} per domain with backoff until the
 * lifetime; failures and NOTIFY=SUCCESS become RFC 3464 DSNs queued back through the same queue.
 */
package dev.surel.queue;
