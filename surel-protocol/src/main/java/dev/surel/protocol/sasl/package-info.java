/**
 * Server side of SASL (RFC 4422) for every protocol: PLAIN (RFC 4616), LOGIN
 * (draft-murchison-sasl-login) and SCRAM-SHA-256 (RFC 5802, RFC 7677), as pure state machines.
 * A {@link dev.surel.protocol.sasl.SaslMechanism} makes one
 * {@link dev.surel.protocol.sasl.SaslExchange} per AUTHENTICATE/AUTH command; the protocol feeds
 * it client responses (already base64-decoded) and gets back a
 * {@link dev.surel.protocol.sasl.SaslStep}: a challenge to send, success with the authentication
 * identity, or failure with a typed reason. Credentials come through small callbacks
 * ({@link dev.surel.protocol.sasl.PasswordVerifier}, {@link dev.surel.protocol.sasl.ScramCredentialLookup}),
 * so this package does no I/O and never touches the store. An authorization identity must be
 * empty or equal (ignoring ASCII case) to the authentication identity.
 */
package dev.surel.protocol.sasl;
