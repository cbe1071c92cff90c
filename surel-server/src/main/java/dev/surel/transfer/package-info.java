/**
 * Moving one account's mail in and out of Surel ({@code surel import}, {@code surel export}):
 * readers of Maildir (Dovecot/Courier, Maildir++), mbox (mboxrd/mboxo) and a remote IMAP server,
 * writers of Maildir and mbox, and the {@link dev.surel.transfer.MailAccess} they move mail
 * through: the store itself when no server runs ({@link dev.surel.transfer.StoreMailAccess}), or
 * a running server's admin channel in batches (the CLI's {@code ChannelMailAccess}).
 *
 * <p>Every message passes through a temp file ({@link dev.surel.transfer.Staging}); nothing holds
 * a mailbox, or even a whole batch, in memory. An import is resumable without any state file:
 * a message whose {@link dev.surel.transfer.MessageKey} (internal date, size, Message-ID) is
 * already in the target folder is skipped, counted as many times as it is there.
 */
package dev.surel.transfer;

