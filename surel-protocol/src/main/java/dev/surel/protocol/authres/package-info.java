/**
 * The {@code Authentication-Results} header field (RFC 8601), pure: writing one
 * ({@link AuthResults}) and reading the authserv-id of an incoming one ({@link AuthservId}) so
 * that fields claiming to be ours can be removed (§5).
 */
package dev.surel.protocol.authres;
