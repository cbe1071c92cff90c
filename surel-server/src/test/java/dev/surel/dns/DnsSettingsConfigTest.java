package dev.surel.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.config.ConfigException;
import dev.surel.config.ConfigLoader;
import dev.surel.config.SurelConfig;
import dev.surel.net.HostPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [dns]} becomes {@link DnsSettings}; {@code queue.resolver} and {@code queue.dns_timeout} are older names. */
class DnsSettingsConfigTest {

    @TempDir
    Path dir;

    private SurelConfig load(String toml) throws Exception {
        Path f = dir.resolve("surel.toml");
        Files.writeString(f, "hostname = \"mx.surel.test\"\ndata_dir = \"data\"\n" + toml);
        return ConfigLoader.load(f);
    }

    @Test
    void defaultsAreTheSystemResolvers() throws Exception {
        DnsSettings d = load("").dns();
        assertThat(d.servers()).isEmpty();
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.cacheSize()).isEqualTo(DnsResolver.DEFAULT_CACHE_SIZE);
    }

    @Test
    void oneResolver() throws Exception {
        DnsSettings d = load("[dns]\nresolver = \"127.0.0.53:5353\"\ntimeout = \"3s\"\ncache_size = 0\n").dns();
        assertThat(d.servers()).containsExactly(new HostPort("127.0.0.53", 5353));
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.cacheSize()).isZero();
    }

    @Test
    void severalResolversInOrder() throws Exception {
        SurelConfig c = load("[dns]\nresolver = [\"127.0.0.53:53\", \"[::1]:5353\"]\n");
        assertThat(c.dns().servers()).containsExactly(new HostPort("127.0.0.53", 53), new HostPort("::1", 5353));
        assertThat(c.delivery().resolver()).isEqualTo(new HostPort("127.0.0.53", 53));
    }

    @Test
    void queueResolverIsAnOlderName() throws Exception {
        SurelConfig c = load("[queue]\nresolver = \"127.0.0.9:53\"\ndns_timeout = \"4s\"\n");
        assertThat(c.dns().servers()).containsExactly(new HostPort("127.0.0.9", 53));
        assertThat(c.dns().timeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(c.delivery().dnsTimeout()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void bothNamesOrAnEmptyListAreRefused() throws Exception {
        assertThatThrownBy(() -> load("[dns]\nresolver = \"127.0.0.1:53\"\n[queue]\nresolver = \"127.0.0.2:53\"\n").dns())
                .isInstanceOf(ConfigException.class).hasMessageContaining("queue.resolver");
        assertThatThrownBy(() -> load("[dns]\nresolver = []\n").dns()).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> load("[dns]\nresolver = \"no port\"\n").dns()).isInstanceOf(ConfigException.class);
    }
}
