package dev.surel.transfer;

import static dev.surel.transfer.ImportExportRoundTripTest.assertSameMail;
import static dev.surel.transfer.ImportExportRoundTripTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code surel serve} running, import and export go through its admin channel in batches:
 * an mbox import stops at the user's quota with a clear message and what fit stored, goes on
 * after the quota is raised (copying only what is missing), and the export through the server
 * reads back the same mail.
 */
class ImportThroughRunningServerTest {

    @TempDir Path dir;

    @Test
    void importStopsAtTheQuotaAndGoesOnAfterItIsRaised() throws Exception {
        Path cfg = ImportExportRoundTripTest.store(dir, "alice@example.test", "bob@example.test");
        String c = cfg.toString();
        Path mbox = dir.resolve("java.mbox");
        List<Expected> expected = TestMbox.write(mbox, "Lists/java", 45, 99);

        List<Expected> alice;
        try (SurelCli.Server server = SurelCli.Server.start(cfg, dir.resolve("data"))) {
            ok(SurelCli.run(null, "--config", c, "user", "quota", "alice@example.test", "--messages", "20"));

            SurelCli.Result full = SurelCli.run(null, "--config", c, "import", "alice@example.test", "--mbox", mbox.toString(),
                    "--folder", "Lists/java", "--batch", "7");
            assertThat(full.exit()).as(full.toString()).isEqualTo(75);
            assertThat(full.out()).contains("imported 20 message(s)");
            assertThat(full.err()).contains("stopped: over quota").contains("run the same command again");

            ok(SurelCli.run(null, "--config", c, "user", "quota", "alice@example.test", "--messages", "0"));
            SurelCli.Result rest = ok(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--mbox", mbox.toString(),
                    "--folder", "Lists/java", "--batch", "7"));
            assertThat(rest.out()).contains("imported 25 message(s)").contains("20 already there");

            SurelCli.Result exp = ok(SurelCli.run(null, "--config", c, "export", "alice@example.test", "--maildir",
                    dir.resolve("out").toString()));
            assertThat(exp.out()).contains("exported 45 message(s)");

            SurelCli.Result unknown = SurelCli.run(null, "--config", c, "import", "nobody@example.test", "--mbox", mbox.toString());
            assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(67);
            assertThat(unknown.err()).contains("no such user: nobody@example.test");
            server.stop();
        }
        alice = StoreSnapshot.read(cfg, "alice@example.test");
        assertSameMail(alice, expected);

        ok(SurelCli.run(null, "--config", c, "import", "bob@example.test", "--maildir", dir.resolve("out").toString()));
        assertSameMail(StoreSnapshot.read(cfg, "bob@example.test"), expected);
    }
}
