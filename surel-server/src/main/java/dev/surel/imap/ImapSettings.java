package dev.surel.imap;

/**
 * IMAP settings. Each component names the TOML key it comes from ({@code [imap] ...}), its type
 * and default; {@link dev.surel.config.SurelConfig#imap()} builds it from the configuration.
 */
public record ImapSettings() {

    public static ImapSettings defaults() {
        return new ImapSettings();
    }
}
