/**
 * Configuration: one TOML file, read once at start. {@link dev.surel.config.ConfigSchema} lists
 * every key with its type, default and meaning (and is the source of
 * {@code docs/configuration.md}); {@link dev.surel.config.ConfigLoader} validates a file against
 * it (a bad or unknown key stops the start with the key, the line and what is expected) and
 * {@link dev.surel.config.SurelConfig} is the typed result the server is wired from.
 */
package dev.surel.config;
