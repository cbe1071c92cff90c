/**
 * DKIM (RFC 6376) signing and verification with rsa-sha256 and ed25519-sha256 (RFC 8463), as
 * pure code: no DNS and no I/O. {@link dev.surel.protocol.dkim.Canonicalization} implements
 * RFC 6376 §3.4, {@link dev.surel.protocol.dkim.TagList} the tag=value lists of §3.2,
 * {@link dev.surel.protocol.dkim.DkimSignature} the DKIM-Signature field (§3.5) and
 * {@link dev.surel.protocol.dkim.KeyRecord} the key record (§3.6.1).
 * {@link dev.surel.protocol.dkim.DkimSigner} makes a DKIM-Signature field to prepend (§5);
 * {@link dev.surel.protocol.dkim.DkimVerifier} checks every signature of a message (§6) and
 * gets key records through a {@link dev.surel.protocol.dkim.KeyLookup} the caller supplies
 * (DNS in the server). Messages are raw bytes with CRLF line ends, as received over SMTP.
 */
package dev.surel.protocol.dkim;
