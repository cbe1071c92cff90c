package dev.surel.bench;

import dev.surel.filter.BayesStore;
import dev.surel.filter.FilterSettings;
import dev.surel.filter.RecipientSpam;
import dev.surel.protocol.filter.Contribution;
import dev.surel.protocol.filter.SpamScore;
import dev.surel.protocol.sieve.MimeSieveMessage;
import dev.surel.protocol.sieve.SieveCompiler;
import dev.surel.protocol.sieve.SieveException;
import dev.surel.protocol.sieve.SieveResult;
import dev.surel.sieve.DeliveryEnvironment;
import dev.surel.sieve.DeliveryScripts;
import dev.surel.sieve.SieveMemory;
import dev.surel.sieve.SieveRunner;
import dev.surel.sieve.SpamScale;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The per-recipient part of filtering at local delivery (issue 15), for one 100 KB message:
 * {@code bayes} is the user's Bayes score ({@link RecipientSpam#rescore}: the message's first
 * 256 KiB tokenized, the counts of its tokens read from SQLite for a user trained with 60 spam
 * and 60 ham messages, the X-Spam fields rewritten with BAYES_SPAM); {@code sieve} is a typical user script
 * (spamtest, header and body tests, fileinto with flags, vacation) compiled from the runner's
 * cache and run on what a script sees ({@link DeliveryScripts#seen}). Time per message, sampled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RecipientFilterBenchmark {

    static final String SCRIPT = """
            require ["fileinto", "imap4flags", "spamtest", "relational", "comparator-i;ascii-numeric", "body", "vacation",
                     "variables", "envelope", "subaddress", "mailbox"];
            if spamtest :value "ge" :comparator "i;ascii-numeric" "5" { fileinto :flags "\\\\Seen" "Junk"; stop; }
            if header :contains "List-Id" "announce" { fileinto :create "Lists/announce"; stop; }
            if body :text :contains ["invoice", "payment due"] { addflag "$Invoice"; fileinto :create "Invoices"; }
            if envelope :detail :matches "to" "*" { set "folder" "${1}"; }
            if address :domain :is "from" "example.org" { addflag "\\\\Flagged"; }
            vacation :days 7 :subject "Away" "I am away until Monday.";
            """;

    BenchServices bench;
    RecipientSpam spam;
    long account;
    byte[] message;
    String prefix;
    SieveRunner runner;
    SieveMemory memory;
    SpamScale scale;
    dev.surel.sieve.SieveScripts.Active active;

    @Setup
    public void setUp() throws IOException, SieveException {
        bench = new BenchServices("[filter]\nenabled = true\n");
        bench.services.directory().addDomain("bench.test");
        account = bench.services.directory().addUser("u@bench.test", "pw".toCharArray()).id();
        BayesStore bayes = bench.services.bayes();
        for (int i = 0; i < 60; i++) {
            bayes.train(account, tokens("spam", i), true);
            bayes.train(account, tokens("ham", i), false);
        }
        StringBuilder b = new StringBuilder("From: Carol <carol@example.org>\r\nTo: u@bench.test\r\nSubject: A report\r\n"
                + "Date: Mon, 07 Dec 2026 10:00:00 +0000\r\nMessage-ID: <r@example.org>\r\n\r\n");
        // words the user trained as spam, among words never seen (which the classifier ignores)
        for (int i = 0; b.length() < 100_000; i++) b.append("Lorem ipsum spam").append(i % 300).append(" dolor sit amet spam")
                .append((i * 7) % 300).append(" consectetur adipiscing elit, sed do eiusmod tempor.\r\n");
        message = b.toString().getBytes(StandardCharsets.US_ASCII);
        prefix = "Authentication-Results: mx.bench.test; spf=pass smtp.mailfrom=carol@example.org\r\n"
                + new SpamScore(List.of(new Contribution("SPF_PASS", -0.1), new Contribution("MISSING_LIST_UNSUB", 1.0))).fields(5.0);
        spam = RecipientSpam.over(bayes, FilterSettings.defaults(), bench.services.mime());
        bench.services.sieveScripts().put(account, "main", SCRIPT);
        bench.services.sieveScripts().setActive(account, "main");
        active = bench.services.sieveScripts().active(account).orElseThrow();
        runner = SieveRunner.none();
        memory = new SieveMemory(bench.services.database());
        scale = new SpamScale(5, 15);
        SieveCompiler.compile(SCRIPT); // fails the setup if the script does not compile
        bayes(); // and if Bayes does not score the message
    }

    static Set<String> tokens(String kind, int i) {
        Set<String> t = new HashSet<>();
        for (int k = 0; k < 200; k++) t.add(kind + ((i * 7 + k) % 300));
        return t;
    }

    @TearDown
    public void tearDown() throws IOException {
        bench.close();
    }

    @Benchmark
    public RecipientSpam.Rescored bayes() throws IOException {
        RecipientSpam.Rescored r = spam.rescore(account, () -> new ByteArrayInputStream(message), prefix, false);
        if (!r.prefix().contains("BAYES_")) throw new IllegalStateException("Bayes did not score: " + r.prefix());
        return r;
    }

    @Benchmark
    public SieveResult sieve() throws IOException {
        byte[] seen = DeliveryScripts.seen(("Return-Path: <carol@example.org>\r\nDelivered-To: u@bench.test\r\n" + prefix)
                .getBytes(StandardCharsets.UTF_8), new ByteArrayInputStream(message));
        MimeSieveMessage m = new MimeSieveMessage(seen, message.length, "carol@example.org", "u+news@bench.test", DeliveryScripts.MAX_SEEN);
        SieveResult r = runner.run(java.util.Optional.of(active), m, new DeliveryEnvironment(bench.services.store(),
                bench.services.sieveScripts(), memory, runner, scale, account, prefix, Instant.now()));
        if (r.error() != null) throw new IllegalStateException("line " + r.error().line() + ": " + r.error().detail());
        return r;
    }
}
