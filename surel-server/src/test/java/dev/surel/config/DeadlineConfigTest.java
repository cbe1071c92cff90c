package dev.surel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slow-sender deadlines ({@code limits.command_deadline}, {@code smtp.data_deadline},
 * {@code imap.append_deadline}): defaults, the duration syntax of the other timers, and a value
 * that is not a positive duration stops the start naming its section and key.
 */
class DeadlineConfigTest {
    @TempDir Path dir;

    private SurelConfig load(String toml) throws Exception {
        Path f = dir.resolve("surel.toml");
        Files.writeString(f, toml);
        return ConfigLoader.load(f);
    }

    @Test
    void defaultsAreFiveAndThirtyMinutes() throws Exception {
        SurelConfig c = load("");
        assertThat(c.net().commandDeadline()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.smtp().dataDeadline()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.imap().appendDeadline()).isEqualTo(Duration.ofMinutes(30));
        assertThat(ConfigLoader.defaults().net().commandDeadline()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void valuesUseTheDurationSyntax() throws Exception {
        SurelConfig c = load("""
                [limits]
                command_deadline = "90s"
                [smtp]
                data_deadline = "1h"
                [imap]
                append_deadline = "2500ms"
                """);
        assertThat(c.net().commandDeadline()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.smtp().dataDeadline()).isEqualTo(Duration.ofHours(1));
        assertThat(c.imap().appendDeadline()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void zeroOrMalformedIsRefused() {
        assertThatThrownBy(() -> load("[limits]\ncommand_deadline = \"0s\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[limits]").hasMessageContaining("command_deadline");
        assertThatThrownBy(() -> load("[smtp]\ndata_deadline = \"0m\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[smtp]").hasMessageContaining("data_deadline");
        assertThatThrownBy(() -> load("[imap]\nappend_deadline = \"0ms\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[imap]").hasMessageContaining("append_deadline");
        assertThatThrownBy(() -> load("[limits]\ncommand_deadline = \"-5s\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("command_deadline").hasMessageContaining("not a duration");
        assertThatThrownBy(() -> load("[smtp]\ndata_deadline = 30\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("data_deadline");
    }
}
