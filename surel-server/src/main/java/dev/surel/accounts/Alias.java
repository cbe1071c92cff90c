package dev.surel.accounts;

import java.util.List;

/** An alias address and its targets (sorted), as stored (lower-case). */
public record Alias(String address, List<String> targets) {
    public Alias {
        targets = List.copyOf(targets);
    }
}
