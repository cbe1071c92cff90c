package dev.surel.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.config.ConfigException;
import dev.surel.config.ConfigLoader;
import dev.surel.config.SurelConfig;
import dev.surel.net.HostPort;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [filter]} becomes {@link FilterSettings}; bad values stop the start with the key named. */
class FilterSettingsConfigTest {

    @TempDir
    Path dir;

    private SurelConfig load(String toml) throws Exception {
        Path f = dir.resolve("surel.toml");
        Files.writeString(f, "hostname = \"mx.surel.test\"\ndata_dir = \"data\"\n" + toml);
        return ConfigLoader.load(f);
    }

    @Test
    void defaults() throws Exception {
        assertThat(load("").filter()).isEqualTo(FilterSettings.defaults());
    }

    @Test
    void everyKey() throws Exception {
        FilterSettings s = load("""
                [filter]
                enabled = false
                junk_score = 6
                reject_score = 12.5
                dnsbl = ["zen.spamhaus.org", "bl.example."]
                dnsbl_score = 2.5
                clamd = "/run/clamav/clamd.ctl"
                rspamd = "http://127.0.0.1:11333"
                on_scanner_failure = "accept"
                scanner_connect_timeout = "2s"
                scanner_timeout = "30s"
                scan_limit = "10M"
                """).filter();
        assertThat(s).isEqualTo(new FilterSettings(false, 6.0, 12.5, List.of("zen.spamhaus.org", "bl.example."), 2.5,
                new ScannerAddress.Unix(Path.of("/run/clamav/clamd.ctl")), URI.create("http://127.0.0.1:11333"),
                FilterSettings.OnFailure.ACCEPT, Duration.ofSeconds(2), Duration.ofSeconds(30), 10L << 20, 64 * 1024));
        assertThat(load("[filter]\nclamd = \"127.0.0.1:3310\"\n").filter().clamd())
                .isEqualTo(new ScannerAddress.Tcp(new HostPort("127.0.0.1", 3310)));
    }

    @Test
    void badValuesStopTheStart() {
        for (String bad : List.of("junk_score = 20.0", "junk_score = \"high\"", "dnsbl = [\"not a zone\"]", "dnsbl = \"zen.spamhaus.org\"",
                "clamd = \"localhost\"", "clamd = \"127.0.0.1:0\"", "rspamd = \"https://rspamd.example\"", "rspamd = \"::\"",
                "on_scanner_failure = \"bounce\"", "scanner_timeout = \"0s\"", "unknown = 1")) {
            assertThatThrownBy(() -> load("[filter]\n" + bad + "\n")).as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("filter");
        }
    }

    @Test
    void bayesKeys() throws Exception {
        assertThat(load("").bayes()).isEqualTo(BayesSettings.defaults());
        assertThat(load("[filter]\nbayes = false\nbayes_weight = 4.5\nbayes_max_tokens = 5000\n").bayes())
                .isEqualTo(new BayesSettings(false, 4.5, 5000));
        for (String bad : List.of("bayes_weight = -1.0", "bayes_max_tokens = 999", "bayes = \"yes\"")) {
            assertThatThrownBy(() -> load("[filter]\n" + bad + "\n")).as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("filter");
        }
    }

    @Test
    void blocklistNamesFollowRfc5782() throws Exception {
        assertThat(Dnsbl.reversed(InetAddress.getByName("192.0.2.99"))).isEqualTo("99.2.0.192");
        // RFC 5782 §2.4's example: 2001:db8:1:2:3:4:567:89ab
        assertThat(Dnsbl.reversed(InetAddress.getByName("2001:db8:1:2:3:4:567:89ab")))
                .isEqualTo("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2");
    }
}
