package dev.surel.accounts;

import java.util.OptionalLong;

/**
 * A user's quota ({@code accounts.quota_bytes}, {@code accounts.quota_messages}): empty means
 * the configured default, 0 means unlimited. The store enforces it.
 */
public record Quota(OptionalLong bytes, OptionalLong messages) {
    public static final Quota DEFAULT = new Quota(OptionalLong.empty(), OptionalLong.empty());

    public Quota {
        if (bytes.isPresent() && bytes.getAsLong() < 0 || messages.isPresent() && messages.getAsLong() < 0) {
            throw new IllegalArgumentException("negative quota");
        }
    }
}
