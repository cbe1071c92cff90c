/**
 * Passwords and logins: Argon2id hashing and SCRAM-SHA-256 credential derivation
 * ({@link dev.surel.auth.PasswordHashing}), verification of a login and password with a bounded
 * cache of recent successes ({@link dev.surel.auth.Authenticator}), adapters feeding the pure
 * SASL mechanisms of {@code dev.surel.protocol.sasl}, and failed-login throttling
 * ({@link dev.surel.auth.LoginThrottle}) that answers with {@link dev.surel.auth.Decision}s so
 * sessions wait on their own virtual thread. No password, hash or secret is ever logged.
 */
package dev.surel.auth;
