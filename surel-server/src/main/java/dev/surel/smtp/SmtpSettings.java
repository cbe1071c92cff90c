package dev.surel.smtp;

/**
 * SMTP settings. Each component names the TOML key it comes from ({@code [smtp] ...}), its type
 * and default; {@link dev.surel.config.SurelConfig#smtp()} builds it from the configuration.
 */
public record SmtpSettings() {

    public static SmtpSettings defaults() {
        return new SmtpSettings();
    }
}
