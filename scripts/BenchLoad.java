// Loads users and messages into a Surel data dir for the benchmark scripts (no server running):
//   java -cp surel.jar scripts/BenchLoad.java CONFIG DOMAIN PASSWORD ITEM...
// adds DOMAIN (if missing) and users with PASSWORD (existing ones are kept), one per ITEM:
//   PATTERN:FIRST:LAST   the users PATTERN.formatted(i), i = FIRST..LAST ("user%d@bench.test:1:50")
//   ADDRESS              one user
//   ADDRESS=DIR          one user, then the files of DIR (sorted by name) appended to its INBOX
// (the same store appends `surel deliver` makes, 500 messages per transaction instead of one JVM per message;
// a batch's files are spooled on 8 threads). Users are derived on a
// few threads (Argon2id and SCRAM cost CPU; the kit's config makes them cheap).
import dev.surel.config.ConfigLoader;
import dev.surel.server.Services;
import dev.surel.store.NewMessage;
import dev.surel.store.SpooledMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    try (Services s = Services.openForCli(ConfigLoader.load(Path.of(args[0])))) {
        String domain = args[1], password = args[2];
        if (s.directory().findDomain(domain).isEmpty()) s.directory().addDomain(domain);
        java.util.Set<String> users = new java.util.LinkedHashSet<>(); // the same user named twice (IDLE users and mixed-load users overlap) is made once
        for (int a = 3; a < args.length; a++) {
            String item = args[a];
            if (item.contains("%d")) {
                String[] p = item.split(":");
                for (int i = Integer.parseInt(p[1]); i <= Integer.parseInt(p[2]); i++) users.add(p[0].formatted(i));
            } else {
                users.add(item.contains("=") ? item.substring(0, item.indexOf('=')) : item);
            }
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (String address : users) {
                done.add(pool.submit(() -> {
                    if (s.directory().findUser(address).isEmpty()) s.directory().addUser(address, password.toCharArray());
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        }
        System.out.printf("%d users (%.1f s)%n", users.size(), (System.nanoTime() - t0) / 1e9);
        for (int a = 3; a < args.length; a++) {
            if (!args[a].contains("=")) continue;
            String address = args[a].substring(0, args[a].indexOf('='));
            Path dir = Path.of(args[a].substring(args[a].indexOf('=') + 1));
            long account = s.directory().findUser(address).orElseThrow().id();
            long inbox = s.store().mailbox(account, "INBOX").id();
            List<Path> files;
            try (var l = Files.list(dir)) {
                files = l.sorted().toList();
            }
            // Each batch's files are spooled (read, CRLF, MIME structure, hash, fsync) on several
            // threads, then appended in file order in one transaction.
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < files.size(); i += 500) {
                    List<Future<SpooledMessage>> spooling = new ArrayList<>();
                    for (Path p : files.subList(i, Math.min(files.size(), i + 500))) {
                        spooling.add(pool.submit(() -> {
                            try (InputStream in = Files.newInputStream(p)) {
                                return s.store().spool(in);
                            }
                        }));
                    }
                    List<SpooledMessage> spooled = new ArrayList<>();
                    for (Future<SpooledMessage> f : spooling) spooled.add(f.get());
                    s.store().appendAll(account, inbox, spooled.stream().map(NewMessage::of).toList());
                    for (SpooledMessage m : spooled) m.close();
                }
            }
            System.out.println(files.size() + " messages appended to " + address);
        }
    }
    System.out.printf("loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
}
