package dev.surel.accounts;

/** A local account an address resolved to: the store's account id and the canonical address. */
public record Recipient(long accountId, String address) { }
