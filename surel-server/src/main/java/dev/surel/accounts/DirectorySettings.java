package dev.surel.accounts;

import java.util.Optional;

/**
 * Settings of the {@link Directory}. TOML section {@code [accounts]}:
 * <ul>
 *   <li>{@code subaddress_separators} (string, default {@code "+"}): each character separates a
 *       local part from a tag ({@code user+tag@domain} is {@code user}); empty disables
 *       sub-addressing.</li>
 *   <li>{@code postmaster} (string address, default absent): where {@code postmaster@} of every
 *       local domain goes when that domain has no user or alias named postmaster (RFC 5321
 *       §4.5.1). Absent: the domain's catch-all, else the domain's oldest user.</li>
 *   <li>{@code max_alias_depth} (integer, default 8): deepest alias nesting followed.</li>
 * </ul>
 */
public record DirectorySettings(String subaddressSeparators, Optional<String> postmaster, int maxAliasDepth) {
    public DirectorySettings {
        if (maxAliasDepth < 1) throw new IllegalArgumentException("max_alias_depth must be at least 1");
        for (char c : subaddressSeparators.toCharArray()) {
            if (!EmailAddress.atext(c) || c == '.') throw new IllegalArgumentException("subaddress separator must be an atext character");
        }
        postmaster = postmaster.map(p -> EmailAddress.parse(p).toString());
    }

    public static DirectorySettings defaults() {
        return new DirectorySettings("+", Optional.empty(), 8);
    }
}
