package dev.surel.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.store.StoreSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manifest's text: written and read back the same; truncated, later-format or escaping manifests refused. */
class BackupManifestTest {

    private static final String HASH = "a".repeat(64);

    private static BackupManifest sample() {
        return new BackupManifest(1, Instant.parse("2026-12-08T10:15:30Z"), "Surel 1.2\r\nx",
                new StoreSnapshot.Counts(4, 3, 36, 1200, 12, 2, 1180, 73_400_320L),
                new BackupManifest.FileEntry("surel.db", 1_048_576, HASH),
                List.of(new BackupManifest.FileEntry("tls/selfsigned.key", 241, "b".repeat(64))));
    }

    private static String text(BackupManifest m) {
        return new String(m.toBytes(), StandardCharsets.UTF_8);
    }

    private static BackupManifest parse(String text) {
        return BackupManifest.parse(text.getBytes(StandardCharsets.UTF_8), "b/manifest");
    }

    @Test
    void writtenAndReadBack() {
        BackupManifest m = sample();
        String t = text(m);
        assertThat(t).startsWith("surel-backup 1\ncreated 2026-12-08T10:15:30Z\nmade-by Surel 1.2  x\n")
                .contains("\nmessages 1200\n", "\nmessage-files 1180\n", "\ndatabase surel.db 1048576 " + HASH + "\n")
                .endsWith("\nend\n");
        BackupManifest back = parse(t);
        assertThat(back.counts()).isEqualTo(m.counts());
        assertThat(back.database()).isEqualTo(m.database());
        assertThat(back.files()).isEqualTo(m.files());
        assertThat(back.created()).isEqualTo(m.created());
        assertThat(parse(t.replace("end\n", "a-later-key 7\nend\n")).counts()).as("unknown keys skipped").isEqualTo(m.counts());
    }

    @Test
    void refusesWhatItCannotTrust() {
        String t = text(sample());
        assertThatThrownBy(() -> parse(t.replace("end\n", ""))).isInstanceOf(BackupException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> parse(t.substring(0, t.length() / 2))).isInstanceOf(BackupException.class);
        assertThatThrownBy(() -> parse(t.replace("surel-backup 1", "surel-backup 2")))
                .hasMessageContaining("format 2 was written by a newer Surel");
        assertThatThrownBy(() -> parse("PK\u0003\u0004 zip")).hasMessageContaining("not a Surel backup manifest");
        assertThatThrownBy(() -> parse(t.replace("tls/selfsigned.key", "../../etc/passwd")))
                .hasMessageContaining("file outside tls/");
        assertThatThrownBy(() -> parse(t.replace("tls/selfsigned.key", "tls/../../x"))).hasMessageContaining("file outside tls/");
        for (String bad : List.of("dkim/../x", "dkim/example.org/../../x", "dkim/../../etc/k.pem", "dkim/x/k.pem", "dkim/a.b/c/d.pem")) {
            assertThatThrownBy(() -> parse(t.replace("tls/selfsigned.key", bad))).as(bad).hasMessageContaining("file outside tls/ and dkim/");
        }
        assertThat(parse(t.replace("tls/selfsigned.key", "dkim/example.org/rsa20261207.pem")).files())
                .extracting(BackupManifest.FileEntry::path).containsExactly("dkim/example.org/rsa20261207.pem");
        assertThatThrownBy(() -> parse(t.replace("\nmessages 1200\n", "\n"))).hasMessageContaining("no \"messages\" line");
        assertThatThrownBy(() -> parse(t.replace("1048576 " + HASH, "1048576 xyz"))).hasMessageContaining("bad file entry");
        assertThat(((BackupException) catchThrowable(() -> parse("x"))).exitCode()).isEqualTo(65);
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
