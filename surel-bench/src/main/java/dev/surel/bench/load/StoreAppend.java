package dev.surel.bench.load;

import dev.surel.config.ConfigLoader;
import dev.surel.server.Services;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Not a workload but its setup: {@code store-append} puts every file of {@code --dir} (sorted by
 * name, one message each, LF or CRLF) into a mailbox of each given user of a Surel data directory,
 * with no server running: the same store appends {@code surel deliver} makes, {@code --batch}
 * messages per transaction (what {@code scripts/Pop3BenchLoad.java} did for one user). Users
 * must exist. Prints {@code RESULT store_append value=<ms> unit=ms ops=<messages appended>
 * errors=0}.
 */
@Command(name = "store-append", mixinStandardHelpOptions = true,
        description = "Setup, no server running: append the message files of a directory to users' mailboxes in a Surel data dir.")
final class StoreAppend implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "Surel's configuration file (its data_dir is used).")
    Path config;

    @Option(names = "--dir", required = true, description = "Directory of message files.")
    Path dir;

    @Option(names = "--user", description = "One user address.")
    String user;

    @Option(names = "--users", description = "User pattern with %%d (with --user-count).")
    String usersPattern;

    @Option(names = "--user-count", defaultValue = "1", description = "Users 1..N of --users (default: ${DEFAULT-VALUE}).")
    int userCount;

    @Option(names = "--mailbox", defaultValue = "INBOX", description = "Mailbox (default: ${DEFAULT-VALUE}).")
    String mailbox;

    @Option(names = "--batch", defaultValue = "500", description = "Messages per store transaction (default: ${DEFAULT-VALUE}).")
    int batch;

    private final Report report;

    StoreAppend(Report report) {
        this.report = report;
    }

    @Override
    public Integer call() throws IOException {
        List<String> users = new ArrayList<>();
        if (user != null) users.add(user);
        else if (usersPattern != null) for (int i = 1; i <= userCount; i++) users.add(String.format(Locale.ROOT, usersPattern, i));
        else throw new IllegalArgumentException("give --user or --users PATTERN --user-count N");
        List<Path> files;
        try (Stream<Path> l = Files.list(dir)) {
            files = l.filter(Files::isRegularFile).sorted().toList();
        }
        long t0 = System.nanoTime();
        long appended = 0;
        try (Services s = Services.openForCli(ConfigLoader.load(config))) {
            for (String address : users) {
                var account = s.directory().findUser(address);
                if (account.isEmpty()) throw new IllegalArgumentException("no such user in " + config + ": " + address);
                long id = account.get().id();
                long box = s.store().mailbox(id, mailbox).id();
                for (int i = 0; i < files.size(); i += Math.max(1, batch)) {
                    List<InputStream> open = new ArrayList<>();
                    List<dev.surel.store.NewMessage> chunk = new ArrayList<>();
                    try {
                        for (Path p : files.subList(i, Math.min(files.size(), i + Math.max(1, batch)))) {
                            InputStream in = Files.newInputStream(p);
                            open.add(in);
                            chunk.add(dev.surel.store.NewMessage.of(in));
                        }
                        appended += s.store().appendAll(id, box, chunk).size();
                    } finally {
                        for (InputStream in : open) in.close();
                    }
                }
                report.info("store-append: " + files.size() + " messages appended to " + address + " " + mailbox);
            }
        }
        report.result("store_append", (System.nanoTime() - t0) / 1e6, "ms", "ops", appended, "errors", 0);
        return report.exitCode();
    }
}
