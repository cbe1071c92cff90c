/**
 * Backups of a data directory ({@code ./surel backup DIR}, {@code ./surel restore DIR}): a
 * consistent copy taken while the server serves, in a directory of plain files (the database,
 * the message files in the store's own layout, the self-signed TLS material, and a
 * {@link dev.surel.backup.BackupManifest} written last, so a backup without one is an
 * interrupted one), and its restoration into an empty data directory, verified file by file.
 * The store supplies the consistent part ({@link dev.surel.store.MailStore#snapshot}); this
 * package knows the directory format. See docs/adr/0007-backup-and-restore.md.
 */
package dev.surel.backup;
