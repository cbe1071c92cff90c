/**
 * Message bytes as immutable blob files named by the SHA-256 of their (CRLF-canonical) content,
 * under {@code data/blobs/ab/cd/<hash>}. Appends are spooled to {@code data/blobs/tmp} while
 * being canonicalised and hashed, fsynced, then renamed into place and the directory fsynced,
 * all before the database transaction that references the blob commits.
 */
package dev.surel.store.blob;
