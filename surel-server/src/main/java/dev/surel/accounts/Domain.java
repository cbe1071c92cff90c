package dev.surel.accounts;

import java.time.Instant;
import java.util.Optional;

/** A local domain; {@code catchAll} receives mail for unknown local parts. */
public record Domain(long id, String name, Optional<String> catchAll, Instant createdAt) { }
