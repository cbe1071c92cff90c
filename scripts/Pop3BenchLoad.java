// Loads a directory of messages into a user's INBOX for scripts/bench-pop3.sh (run with
// `java -cp surel.jar scripts/Pop3BenchLoad.java CONFIG ADDRESS DIR`, no server running):
// the same store appends `surel deliver` makes, 500 messages per transaction instead of one
// JVM per message.
import dev.surel.config.ConfigLoader;
import dev.surel.server.Services;
import dev.surel.store.NewMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

void main(String[] args) throws Exception {
    try (Services s = Services.openForCli(ConfigLoader.load(Path.of(args[0])))) {
        long account = s.directory().findUser(args[1]).orElseThrow().id();
        long inbox = s.store().mailbox(account, "INBOX").id();
        List<Path> files;
        try (var l = Files.list(Path.of(args[2]))) {
            files = l.sorted().toList();
        }
        for (int i = 0; i < files.size(); i += 500) {
            List<InputStream> open = new ArrayList<>();
            List<NewMessage> batch = new ArrayList<>();
            for (Path p : files.subList(i, Math.min(files.size(), i + 500))) {
                InputStream in = Files.newInputStream(p);
                open.add(in);
                batch.add(NewMessage.of(in));
            }
            s.store().appendAll(account, inbox, batch);
            for (InputStream in : open) in.close();
        }
        System.out.println(files.size() + " messages appended to " + args[1]);
    }
}
