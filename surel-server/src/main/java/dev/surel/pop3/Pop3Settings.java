package dev.surel.pop3;

/**
 * POP3 settings. Each component names the TOML key it comes from ({@code [pop3] ...}), its type
 * and default; {@link dev.surel.config.SurelConfig#pop3()} builds it from the configuration.
 */
public record Pop3Settings() {

    public static Pop3Settings defaults() {
        return new Pop3Settings();
    }
}
