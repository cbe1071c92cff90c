package dev.surel.transfer;

import dev.surel.accounts.Account;
import dev.surel.admin.DataDirLock;
import dev.surel.config.ConfigLoader;
import dev.surel.server.Services;
import dev.surel.store.MailStore;
import dev.surel.store.MailboxInfo;
import dev.surel.store.MessageMeta;
import dev.surel.store.SizedStream;
import dev.surel.store.UidRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an account holds, read from the data directory (no server running) with the store's API:
 * every message of every folder, its octets hashed here.
 */
final class StoreSnapshot {

    private StoreSnapshot() {
    }

    static List<Expected> read(Path config, String address) throws Exception {
        return read(config, address, null);
    }

    /** Also fills {@code specialUses} (folder -> attribute) when non-null. */
    static List<Expected> read(Path config, String address, Map<String, String> specialUses) throws Exception {
        var cfg = ConfigLoader.load(config);
        try (DataDirLock lock = DataDirLock.tryAcquire(cfg.dataDir()).orElseThrow(() -> new IllegalStateException("data dir locked"));
             Services s = Services.openForCli(cfg)) {
            Account a = s.directory().findUser(address).orElseThrow();
            MailStore store = s.store();
            List<Expected> out = new ArrayList<>();
            for (MailboxInfo box : store.listMailboxes(a.id())) {
                if (specialUses != null && box.specialUse() != null) specialUses.put(box.name(), box.specialUse().attribute());
                for (MessageMeta m : store.messages(a.id(), box.id(), UidRange.ALL)) {
                    byte[] bytes;
                    try (SizedStream in = store.open(a.id(), box.id(), m.uid())) {
                        bytes = in.in().readAllBytes();
                    }
                    out.add(Expected.of(box.name(), bytes, m.flags(), m.internalDate().toEpochSecond()));
                }
            }
            return out;
        }
    }

    /** Folder name -> message count. */
    static Map<String, Long> counts(List<Expected> messages) {
        Map<String, Long> m = new TreeMap<>();
        for (Expected e : messages) m.merge(e.folder(), 1L, Long::sum);
        return m;
    }
}
