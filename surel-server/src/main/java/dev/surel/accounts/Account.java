package dev.surel.accounts;

import java.time.Instant;

/** A user: the account id (what the store keys on), its canonical address and quota. */
public record Account(long id, String address, Quota quota, Instant createdAt) { }
