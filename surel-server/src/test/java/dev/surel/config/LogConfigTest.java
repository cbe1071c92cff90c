package dev.surel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.log.LogSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [log]}: defaults (standard error, text, 100M, 30 days, 2G), a relative file resolved
 * against the configuration file's directory, sizes in the size syntax, and values that cannot
 * work stop the start naming the key.
 */
class LogConfigTest {
    @TempDir Path dir;

    private SurelConfig load(String toml) throws Exception {
        Path f = dir.resolve("surel.toml");
        Files.writeString(f, toml);
        return ConfigLoader.load(f);
    }

    @Test
    void defaultsLogTextToStandardError() throws Exception {
        LogSettings s = load("").log();
        assertThat(s).isEqualTo(LogSettings.defaults());
        assertThat(s.file()).isNull();
        assertThat(s.format()).isEqualTo(LogSettings.Format.TEXT);
        assertThat(s.maxSize()).isEqualTo(100L << 20);
        assertThat(s.maxHistory()).isEqualTo(30);
        assertThat(s.maxTotalSize()).isEqualTo(2L << 30);
        assertThat(ConfigLoader.defaults().log()).isEqualTo(LogSettings.defaults());
    }

    @Test
    void fileFormatAndLimits() throws Exception {
        LogSettings s = load("""
                [log]
                level = "debug"
                file = "logs/surel.log"
                format = "json"
                max_size = "10M"
                max_history = 0
                max_total_size = 0
                """).log();
        assertThat(s).isEqualTo(new LogSettings("debug", dir.resolve("logs/surel.log"), LogSettings.Format.JSON, 10L << 20, 0, 0));
    }

    @Test
    void valuesThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> load("[log]\nformat = \"xml\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("log.format").hasMessageContaining("\"text\" or \"json\"");
        assertThatThrownBy(() -> load("[log]\nmax_size = \"512\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[log]").hasMessageContaining("max_size must be at least 1K");
        assertThatThrownBy(() -> load("[log]\nmax_size = \"10M\"\nmax_total_size = \"5M\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("max_total_size must be at least max_size");
        assertThatThrownBy(() -> load("[log]\nmax_history = 0\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("max_history = 0 keeps every rolled file, so max_total_size cannot apply");
        assertThatThrownBy(() -> load("[log]\nmax_history = -1\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("log.max_history");
        assertThatThrownBy(() -> load("[log]\nfiles = \"x\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key log.files");
    }
}
