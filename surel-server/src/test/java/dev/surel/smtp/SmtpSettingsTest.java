package dev.surel.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.config.ConfigException;
import dev.surel.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The [smtp] keys reach SmtpSettings; bad values stop the start naming the section. */
class SmtpSettingsTest {

    @TempDir Path dir;

    @Test
    void keysAndDefaults() throws Exception {
        Path cfg = dir.resolve("a.toml");
        Files.writeString(cfg, "[smtp]\n");
        assertThat(ConfigLoader.load(cfg).smtp()).isEqualTo(SmtpSettings.defaults());
        Files.writeString(cfg, """
                [smtp]
                max_message_size = "10M"
                max_recipients = 7
                max_command_line = 1024
                max_text_line = 2000
                max_errors = 3
                max_received_headers = 30
                command_timeout = "1m"
                data_timeout = "20s"
                data_deadline = "10m"
                """);
        assertThat(ConfigLoader.load(cfg).smtp()).isEqualTo(new SmtpSettings(10L << 20, 7, 1024, 2000, 3, 30,
                Duration.ofMinutes(1), Duration.ofSeconds(20), Duration.ofMinutes(10)));
    }

    @Test
    void tooSmallACommandLineIsRefused() throws Exception {
        Path cfg = dir.resolve("b.toml");
        Files.writeString(cfg, "[smtp]\nmax_command_line = 100\n");
        assertThatThrownBy(() -> ConfigLoader.load(cfg).smtp()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[smtp]").hasMessageContaining("max_command_line");
    }
}
