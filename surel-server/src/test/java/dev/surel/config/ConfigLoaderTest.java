package dev.surel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.net.Endpoint;
import dev.surel.net.HostPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir Path dir;

    private SurelConfig load(String toml) throws Exception {
        Path f = dir.resolve("surel.toml");
        Files.writeString(f, toml);
        return ConfigLoader.load(f);
    }

    @Test
    void issueExampleLoads() throws Exception {
        SurelConfig c = load("""
                hostname = "mail.example.com"
                data_dir = "/var/lib/surel"
                [listen]            # "host:port"; an absent key means that listener is off
                smtp = "0.0.0.0:25"
                submission = "0.0.0.0:587"
                submissions = "0.0.0.0:465"
                imap = "0.0.0.0:143"
                imaps = "0.0.0.0:993"
                pop3 = "0.0.0.0:110"
                pop3s = "[::]:995"
                [tls]
                cert = "/path/fullchain.pem"
                key = "/path/privkey.pem"
                """);
        assertThat(c.hostname()).isEqualTo("mail.example.com");
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/surel"));
        assertThat(c.listen()).hasSize(7);
        assertThat(c.listen().get(Endpoint.POP3S)).isEqualTo(new HostPort("::", 995));
        assertThat(c.values().get(ConfigSchema.TLS_CERT)).isEqualTo("/path/fullchain.pem");
    }

    @Test
    void absentListenKeyMeansOffAndRelativeDataDirIsBesideTheFile() throws Exception {
        SurelConfig c = load("""
                data_dir = "d"
                [listen]
                imap = "127.0.0.1:0"
                """);
        assertThat(c.listen()).containsOnlyKeys(Endpoint.IMAP);
        assertThat(c.dataDir()).isEqualTo(dir.resolve("d"));
    }

    @Test
    void noFileMeansStandardPortsAndDefaults() {
        SurelConfig c = ConfigLoader.defaults();
        assertThat(c.listen().get(Endpoint.SMTP)).isEqualTo(new HostPort("0.0.0.0", 25));
        assertThat(c.listen().get(Endpoint.IMAPS).port()).isEqualTo(993);
        assertThat(c.values().get(ConfigSchema.TOMBSTONE_HORIZON)).isEqualTo(Duration.ofDays(30));
        assertThat(c.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void unknownKeyIsNamedWithItsLine() {
        assertThatThrownBy(() -> load("""
                hostname = "x"

                [listen]
                imapp = "0.0.0.0:143"
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("surel.toml:4: unknown key listen.imapp")
                .hasMessageContaining("imap");
    }

    @Test
    void badValueNamesKeyLineAndExpectation() {
        assertThatThrownBy(() -> load("""
                [store]
                tombstone_horizon = "forever"
                [limits]
                max_connections_per_ip = -1
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("surel.toml:2: store.tombstone_horizon")
                .hasMessageContaining("expected a duration")
                .hasMessageContaining("surel.toml:4: limits.max_connections_per_ip");
    }

    @Test
    void badListenAddressAndSyntaxErrors() {
        assertThatThrownBy(() -> load("[listen]\nimap = \"::1:143\"\n"))
                .hasMessageContaining("listen.imap").hasMessageContaining("brackets");
        assertThatThrownBy(() -> load("hostname = \n"))
                .hasMessageContaining("surel.toml:1: TOML syntax error");
        assertThatThrownBy(() -> load("[listen]\nimap = \"127.0.0.1:99999\"\n"))
                .hasMessageContaining("port 99999 is not in 0..65535");
    }

    @Test
    void nestedTablesAndPartSettings() throws Exception {
        SurelConfig c = load("""
                [auth.throttle]
                base_delay = "2s"
                ip_refusal_threshold = 5
                [accounts]
                subaddress_separators = "+-"
                """);
        assertThat(c.auth().throttle().baseDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.auth().throttle().ipRefusalThreshold()).isEqualTo(5);
        assertThat(c.directory().subaddressSeparators()).isEqualTo("+-");
        assertThatThrownBy(() -> load("[auth.throttle]\nbase_delay = \"1m\"\nmax_delay = \"1s\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[auth]");
        assertThatThrownBy(() -> load("[auth.throttle]\nbogus = 1\n"))
                .hasMessageContaining("surel.toml:2: unknown key auth.throttle.bogus");
    }

    @Test
    void tlsSniAndCleartextNetworks() throws Exception {
        SurelConfig c = load("""
                [tls]
                cert = "certs/main.pem"
                key = "certs/main.key"
                [[tls.sni]]
                domain = "*.example.org"
                cert = "/etc/org.pem"
                key = "/etc/org.key"
                [auth]
                cleartext_networks = []
                """);
        assertThat(c.tls().cert()).isEqualTo(dir.resolve("certs/main.pem"));
        assertThat(c.tls().sni()).singleElement().satisfies(s -> {
            assertThat(s.domain()).isEqualTo("*.example.org");
            assertThat(s.key()).isEqualTo(Path.of("/etc/org.key"));
        });
        assertThat(c.cleartext().inNetworks(java.net.InetAddress.getLoopbackAddress())).isFalse();
        assertThat(ConfigLoader.defaults().cleartext().inNetworks(java.net.InetAddress.getLoopbackAddress())).isTrue();
        assertThatThrownBy(() -> load("[[tls.sni]]\ndomain = \"x.org\"\ncert = \"a\"\n"))
                .hasMessageContaining("tls.sni").hasMessageContaining("key is missing");
        assertThatThrownBy(() -> load("[tls]\ncert = \"a.pem\"\n"))
                .hasMessageContaining("[tls]").hasMessageContaining("together");
        assertThatThrownBy(() -> load("[auth]\ncleartext_networks = [\"10.0.0.0/33\"]\n"))
                .hasMessageContaining("[auth]");
    }

    @Test
    void sizesAndDurations() {
        assertThat(ValueType.parseSize("50M")).isEqualTo(50L << 20);
        assertThat(ValueType.parseSize("2g")).isEqualTo(2L << 30);
        assertThat(ValueType.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ValueType.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> ValueType.parseSize("lots")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mimeLimitsAreAcceptedAndQuotaMessagesIsACount() throws Exception {
        SurelConfig c = load("""
                [mime]
                max_header_bytes = "128K"
                max_line_bytes = 2048
                max_depth = 7
                max_parts = 300
                max_text_chars = 0
                [store]
                default_quota_messages = 100000
                """);
        assertThat(c.mime()).isEqualTo(new dev.surel.protocol.mime.MimeSettings(128 * 1024, 2048, 7, 300, 0));
        assertThat(c.store().defaultQuotaMessages()).isEqualTo(100_000);
        assertThat(ConfigLoader.defaults().mime()).isEqualTo(dev.surel.protocol.mime.MimeSettings.defaults());

        assertThatThrownBy(() -> load("[mime]\nmax_line_bytes = 100\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[mime]: MIME limits too small");
        assertThatThrownBy(() -> load("[mime]\nmax_depth = 0\nmax_part = 3\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("surel.toml:2: mime.max_depth: not a whole number >= 1")
                .hasMessageContaining("surel.toml:3: unknown key mime.max_part (known keys here: mime.max_depth, "
                        + "mime.max_header_bytes, mime.max_line_bytes, mime.max_parts, mime.max_text_chars");
        assertThatThrownBy(() -> load("[store]\ndefault_quota_messages = \"2G\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("store.default_quota_messages: not a whole number >= 0; expected a whole number >= 0 (a count");
    }

    /**
     * Found by ConfigLoaderFuzzTest (seed duration-overflow): a duration too large for
     * java.time.Duration threw ArithmeticException out of the loader, a stack trace instead of
     * the message that names the key and its line.
     */
    @Test
    void durationTooLargeIsAConfigProblem() {
        assertThatThrownBy(() -> load("[limits]\nmax_connections = 101\nidle_timeout = \"300000000000000000m\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("surel.toml:3: limits.idle_timeout")
                .hasMessageContaining("expected a duration");
        assertThatThrownBy(() -> ValueType.parseDuration("9999999999999999999d")).isInstanceOf(IllegalArgumentException.class);
    }
}
