package dev.surel.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.config.ConfigException;
import dev.surel.config.ConfigLoader;
import dev.surel.config.SurelConfig;
import dev.surel.net.Cidr;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [greylist]} becomes {@link GreylistSettings}: off by default; bad values stop the start with the table named. */
class GreylistSettingsConfigTest {

    @TempDir
    Path dir;

    private SurelConfig load(String toml) throws Exception {
        Path f = dir.resolve("surel.toml");
        Files.writeString(f, "hostname = \"mx.surel.test\"\ndata_dir = \"data\"\n" + toml);
        return ConfigLoader.load(f);
    }

    @Test
    void offByDefaultWithPostgreyLikeTimes() throws Exception {
        GreylistSettings s = load("").greylist();
        assertThat(s).isEqualTo(GreylistSettings.defaults());
        assertThat(s.enabled()).isFalse();
        assertThat(s.delay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.retryWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(s.expiry()).isEqualTo(Duration.ofDays(35));
        assertThat(s.exempt(InetAddress.ofLiteral("127.0.0.1"))).isTrue();
        assertThat(s.exempt(InetAddress.ofLiteral("::1"))).isTrue();
        assertThat(s.exempt(InetAddress.ofLiteral("192.0.2.1"))).isFalse();
        assertThat(s.exemptRecipient("postmaster@example.test")).isTrue();
        assertThat(s.exemptRecipient("abuse@example.test")).isTrue();
        assertThat(s.exemptRecipient("alice@example.test")).isFalse();
    }

    @Test
    void everyKey() throws Exception {
        GreylistSettings s = load("""
                [greylist]
                enabled = true
                delay = "2m"
                retry_window = "12h"
                expiry = "40d"
                exempt = ["192.0.2.0/24", "2001:db8::/32"]
                exempt_recipients = ["Postmaster@", "@Partner.example", "boss@example.test"]
                auto_whitelist = 0
                ipv4_prefix = 32
                ipv6_prefix = 48
                """).greylist();
        assertThat(s).isEqualTo(new GreylistSettings(true, Duration.ofMinutes(2), Duration.ofHours(12), Duration.ofDays(40),
                List.of(Cidr.parse("192.0.2.0/24"), Cidr.parse("2001:db8::/32")), List.of("postmaster@", "@partner.example", "boss@example.test"),
                0, 32, 48, Duration.ofHours(1)));
        assertThat(s.exemptRecipient("POSTMASTER@any.example")).isTrue();
        assertThat(s.exemptRecipient("x@partner.example")).isTrue();
        assertThat(s.exemptRecipient("x@sub.partner.example")).isFalse();
        assertThat(s.exemptRecipient("Boss@Example.test")).isTrue();
        assertThat(s.exemptRecipient("boss@other.example")).isFalse();
        assertThat(s.exemptRecipient("abuse@example.test")).isFalse(); // the list replaces the default
        assertThat(s.exempt(InetAddress.ofLiteral("127.0.0.1"))).isFalse(); // the list replaces the default
        assertThat(s.exempt(InetAddress.ofLiteral("2001:db8:ff::1"))).isTrue();
    }

    @Test
    void badValuesStopTheStart() {
        for (String bad : List.of("enabled = \"yes\"", "delay = \"soon\"", "delay = \"2d\"", "retry_window = \"5m\"", "expiry = \"0s\"",
                "exempt = [\"192.0.2.1/16\"]", "exempt = [\"mail.example\"]", "exempt = \"127.0.0.0/8\"", "exempt_recipients = [\"postmaster\"]",
                "exempt_recipients = [\"@\"]", "exempt_recipients = [\"a@b@c\"]", "auto_whitelist = -1",
                "ipv4_prefix = 33", "ipv6_prefix = 129", "unknown = 1")) {
            assertThatThrownBy(() -> load("[greylist]\n" + bad + "\n")).as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("greylist");
        }
    }
}
