package dev.surel.accounts;

/** The stored credentials of one account, for {@code dev.surel.auth}. */
public record AccountCredentials(long accountId, String address, Credentials credentials) { }
