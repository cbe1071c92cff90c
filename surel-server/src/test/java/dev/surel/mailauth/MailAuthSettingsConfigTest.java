package dev.surel.mailauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.config.ConfigException;
import dev.surel.config.ConfigLoader;
import dev.surel.config.SurelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [mail_auth]} becomes {@link MailAuthSettings}. */
class MailAuthSettingsConfigTest {

    @TempDir
    Path dir;

    private SurelConfig load(String toml) throws Exception {
        Path f = dir.resolve("surel.toml");
        Files.writeString(f, "hostname = \"mx.surel.test\"\ndata_dir = \"data\"\n" + toml);
        return ConfigLoader.load(f);
    }

    @Test
    void defaults() throws Exception {
        assertThat(load("").mailAuth()).isEqualTo(MailAuthSettings.defaults());
    }

    @Test
    void everyKey() throws Exception {
        MailAuthSettings s = load("""
                [mail_auth]
                inbound = false
                dmarc_reject = "quarantine"
                dmarc_quarantine = "mark"
                spf_fail = "reject"
                temperror = "defer"
                max_signatures = 3
                [mime]
                max_header_bytes = 65536
                """).mailAuth();
        assertThat(s).isEqualTo(new MailAuthSettings(false, MailAuthSettings.Action.QUARANTINE, MailAuthSettings.Action.MARK,
                MailAuthSettings.Action.REJECT, MailAuthSettings.TempAction.DEFER, 3, 65536));
    }

    @Test
    void badValuesStopTheStart() {
        assertThatThrownBy(() -> load("[mail_auth]\ndmarc_reject = \"bounce\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mail_auth.dmarc_reject");
        assertThatThrownBy(() -> load("[mail_auth]\ntemperror = \"reject\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mail_auth.temperror");
        assertThatThrownBy(() -> load("[mail_auth]\nunknown = 1\n")).isInstanceOf(ConfigException.class);
    }
}
