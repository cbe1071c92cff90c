package dev.surel.store;

/** The result of one append: what RFC 4315 APPENDUID needs, plus the stored size and hash. */
public record Appended(long mailboxId, long uidValidity, long uid, long modseq, long size, String blobHash) {
}
