/**
 * Domains, users (accounts) and aliases, and the resolution of a recipient address to local
 * accounts. The {@link dev.surel.accounts.Directory} owns the {@code domains}, {@code accounts}
 * and {@code aliases} tables; names are validated ({@link dev.surel.accounts.EmailAddress}) and
 * stored lower-case; every failure is a typed {@link dev.surel.accounts.DirectoryException}.
 * The mail store plugs in through {@link dev.surel.accounts.AccountInitializer} and
 * {@link dev.surel.accounts.AccountRemover}, run inside the account's own write transaction;
 * password hashing through {@link dev.surel.accounts.CredentialDeriver} (implemented in
 * {@code dev.surel.auth}, which depends on this package, never the other way round).
 */
package dev.surel.accounts;
