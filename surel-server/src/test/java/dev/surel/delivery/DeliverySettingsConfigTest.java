package dev.surel.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.config.ConfigException;
import dev.surel.config.ConfigLoader;
import dev.surel.config.SurelConfig;
import dev.surel.net.HostPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery keys of {@code [queue]} become {@link DeliverySettings}. */
class DeliverySettingsConfigTest {

    @TempDir
    Path dir;

    private SurelConfig load(String toml) throws Exception {
        Path f = dir.resolve("surel.toml");
        Files.writeString(f, "hostname = \"mx.surel.test\"\ndata_dir = \"data\"\n" + toml);
        return ConfigLoader.load(f);
    }

    @Test
    void defaultsFollowRfc5321Timeouts() throws Exception {
        DeliverySettings d = load("").delivery();
        assertThat(d.heloName()).isEqualTo("mx.surel.test");
        assertThat(d.resolver()).isNull();
        assertThat(d.relayHost()).isNull();
        assertThat(d.routes()).isEmpty();
        assertThat(d.smtpPort()).isEqualTo(25);
        assertThat(d.startTls()).isTrue();
        assertThat(d.greetingTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.dataInitTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.dataBlockTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(d.dataEndTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        DeliverySettings d = load("""
                [queue]
                resolver = "127.0.0.53:5353"
                relay_host = "smarthost.test:587"
                relay_user = "me"
                relay_password_file = "relay.pw"
                helo_name = "out.surel.test"
                smtp_port = 2525
                starttls = false
                command_timeout = "20s"

                [[queue.routes]]
                domain = "Partner.TEST"
                host = "10.0.0.5:25"
                """).delivery();
        assertThat(d.resolver()).isEqualTo(new HostPort("127.0.0.53", 5353));
        assertThat(d.relayHost()).isEqualTo(new HostPort("smarthost.test", 587));
        assertThat(d.relayUser()).isEqualTo("me");
        assertThat(d.relayPasswordFile()).isEqualTo(dir.resolve("relay.pw"));
        assertThat(d.heloName()).isEqualTo("out.surel.test");
        assertThat(d.smtpPort()).isEqualTo(2525);
        assertThat(d.startTls()).isFalse();
        assertThat(d.commandTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(d.routes()).isEqualTo(Map.of("partner.test", new HostPort("10.0.0.5", 25)));
    }

    @Test
    void aRelayUserWithoutPasswordFileStopsTheStart() {
        assertThatThrownBy(() -> load("[queue]\nrelay_host = \"a.test:25\"\nrelay_user = \"me\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[queue]").hasMessageContaining("relay_password_file");
    }
}
