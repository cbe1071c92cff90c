package dev.surel.protocol.imap;

/**
 * STATUS data items (RFC 9051 §6.3.11): RFC 3501's (RECENT in IMAP4rev1 only), DELETED and SIZE
 * (RFC 9051, RFC 8438 STATUS=SIZE), APPENDLIMIT (RFC 7889).
 */
public enum StatusItem { MESSAGES, UIDNEXT, UIDVALIDITY, UNSEEN, DELETED, SIZE, RECENT, APPENDLIMIT }
