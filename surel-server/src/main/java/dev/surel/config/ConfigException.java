package dev.surel.config;

/** A configuration that cannot be used; the message names the key, the line and what is expected. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
