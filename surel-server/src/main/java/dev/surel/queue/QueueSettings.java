package dev.surel.queue;

/**
 * Queue and outbound delivery settings. Each component names the TOML key it comes from
 * ({@code [queue] ...}), its type and default; {@link dev.surel.config.SurelConfig#queue()}
 * builds it from the configuration.
 */
public record QueueSettings() {

    public static QueueSettings defaults() {
        return new QueueSettings();
    }
}
