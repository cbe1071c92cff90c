package dev.surel.store;

/** Usage and limits of one account (RFC 9208 STORAGE and MESSAGE). A limit of 0 means unlimited. */
public record Quota(long usedBytes, long limitBytes, long usedMessages, long limitMessages) {
}
