package dev.surel.auth;

/** A successful login: the account id and its canonical (lower-case) address. */
public record AuthenticatedUser(long accountId, String address) { }
