package dev.surel.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.store.sql.Database;
import dev.surel.store.sql.SqlTransaction;
import dev.surel.time.MutableClock;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTest {
    @TempDir Path dir;
    Database db;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final List<Long> initialized = new ArrayList<>();
    final List<Long> removed = new ArrayList<>();
    Directory directory;

    /** Hashing is tested in dev.surel.auth; here any stable credentials will do. */
    static final CredentialDeriver FAKE_HASH = pw -> new Credentials("phc:" + pw.length, "scram");

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir.resolve("surel.db"), 2);
        directory = directory(DirectorySettings.defaults());
    }

    Directory directory(DirectorySettings settings) {
        return new Directory(db, settings, FAKE_HASH, (tx, id) -> {
            // runs inside the write transaction: the account row is visible through tx
            try (PreparedStatement ps = SqlTransaction.connection(tx).prepareStatement("SELECT count(*) FROM accounts WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(1);
                }
            }
            initialized.add(id);
        }, (tx, id) -> removed.add(id), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    char[] pw() {
        return "secret".toCharArray();
    }

    Set<String> addresses(Resolution r) {
        assertThat(r).isInstanceOf(Resolution.Local.class);
        return ((Resolution.Local) r).recipients().stream().map(Recipient::address).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void domainsAreCaseInsensitiveAndUnique() {
        Domain d = directory.addDomain("Example.COM");
        assertThat(d.name()).isEqualTo("example.com");
        assertThatThrownBy(() -> directory.addDomain("EXAMPLE.com")).isInstanceOf(DirectoryException.AlreadyExists.class);
        directory.addDomain("bücher.example");
        assertThat(directory.listDomains()).extracting(Domain::name).containsExactly("example.com", "xn--bcher-kva.example");
        assertThat(directory.findDomain("EXAMPLE.COM")).isPresent();
    }

    @Test
    void invalidNamesAreRefused() {
        for (String bad : new String[] {"", "-bad.example", "bad-.example", "a..example", "exa_mple.com", "ex ample.com",
                "x".repeat(64) + ".example", "example.com.", "[192.0.2.1]", "a\r\nb.example"}) {
            assertThatThrownBy(() -> directory.addDomain(bad)).as(bad).isInstanceOf(DirectoryException.InvalidAddress.class);
        }
        directory.addDomain("example.com");
        for (String bad : new String[] {"no-at-sign", "@example.com", "tim@", ".tim@example.com", "tim.@example.com",
                "t..m@example.com", "\"tim\"@example.com", "t m@example.com", "t\r\nm@example.com", "t\u00a0m@example.com",
                "t\u200bm@example.com", "t\u2028m@example.com", "t\u0085m@example.com", "t\ue000m@example.com",
                "x".repeat(65) + "@example.com", "ä".repeat(33) + "@example.com", "tim@exa mple.com"}) {
            assertThatThrownBy(() -> directory.addUser(bad, pw())).as(bad).isInstanceOf(DirectoryException.InvalidAddress.class);
            assertThatThrownBy(() -> directory.resolve(bad)).as(bad).isInstanceOf(DirectoryException.InvalidAddress.class);
        }
        assertThat(directory.addUser("o'brien.x+y{z}@example.com", pw()).address()).isEqualTo("o'brien.x+y{z}@example.com");
        assertThatThrownBy(() -> directory.addUser("tim@example.com", new char[0])).isInstanceOf(DirectoryException.InvalidPassword.class);
        assertThat(directory.listUsers()).hasSize(1);
    }

    @Test
    void usersAreCaseInsensitiveAndCreatedWithTheirMailboxesAtomically() {
        directory.addDomain("example.com");
        Account tim = directory.addUser("Tim@Example.COM", pw());
        assertThat(tim.address()).isEqualTo("tim@example.com");
        assertThat(initialized).containsExactly(tim.id());
        assertThatThrownBy(() -> directory.addUser("TIM@example.com", pw())).isInstanceOf(DirectoryException.AlreadyExists.class);
        assertThatThrownBy(() -> directory.addUser("tim@other.example", pw())).isInstanceOf(DirectoryException.NoSuchDomain.class);
        assertThat(addresses(directory.resolve("TIM@EXAMPLE.com"))).containsExactly("tim@example.com");
        assertThat(directory.credentials("tIm@exAmple.com")).map(AccountCredentials::accountId).contains(tim.id());

        // a failing initializer rolls the account back
        Directory failing = new Directory(db, DirectorySettings.defaults(), FAKE_HASH,
                (tx, id) -> { throw new SQLException("store says no"); }, AccountRemover.NONE, clock);
        assertThatThrownBy(() -> failing.addUser("ann@example.com", pw())).isInstanceOf(Database.StorageException.class);
        assertThat(directory.findUser("ann@example.com")).isEmpty();
        assertThat(directory.listUsers()).extracting(Account::address).containsExactly("tim@example.com");
    }

    @Test
    void passwdQuotaAndRemoval() {
        directory.addDomain("example.com");
        Account tim = directory.addUser("tim@example.com", pw());
        directory.passwd("TIM@example.com", "longer-secret".toCharArray());
        assertThat(directory.credentials("tim@example.com").orElseThrow().credentials().passwordHash()).isEqualTo("phc:13");
        assertThatThrownBy(() -> directory.passwd("nobody@example.com", pw())).isInstanceOf(DirectoryException.NoSuchUser.class);

        directory.setQuota("tim@example.com", new Quota(OptionalLong.of(1_000_000), OptionalLong.of(0)));
        assertThat(directory.findUser("tim@example.com").orElseThrow().quota())
                .isEqualTo(new Quota(OptionalLong.of(1_000_000), OptionalLong.of(0)));
        directory.setQuota("tim@example.com", Quota.DEFAULT);
        assertThat(directory.findUser("tim@example.com").orElseThrow().quota()).isEqualTo(Quota.DEFAULT);

        directory.removeUser("Tim@Example.com");
        assertThat(removed).containsExactly(tim.id());
        assertThat(directory.findUser("tim@example.com")).isEmpty();
        assertThat(directory.resolve("tim@example.com")).isEqualTo(new Resolution.UnknownUser("tim@example.com"));
        assertThatThrownBy(() -> directory.removeUser("tim@example.com")).isInstanceOf(DirectoryException.NoSuchUser.class);
    }

    @Test
    void domainRemovalIsRefusedWhileUsersOrAliasesExist() {
        directory.addDomain("example.com");
        directory.addUser("tim@example.com", pw());
        directory.addAlias("info@example.com", List.of("tim@example.com"));
        assertThatThrownBy(() -> directory.removeDomain("example.com")).isInstanceOf(DirectoryException.DomainNotEmpty.class);
        directory.removeUser("tim@example.com");
        assertThatThrownBy(() -> directory.removeDomain("example.com")).isInstanceOf(DirectoryException.DomainNotEmpty.class);
        directory.removeAlias("info@example.com");
        directory.removeDomain("EXAMPLE.COM");
        assertThat(directory.listDomains()).isEmpty();
        assertThatThrownBy(() -> directory.removeDomain("example.com")).isInstanceOf(DirectoryException.NoSuchDomain.class);
        assertThat(directory.resolve("tim@example.com")).isEqualTo(new Resolution.NotLocalDomain("example.com"));
    }

    @Test
    void aliasesWithSeveralTargetsAndNesting() {
        directory.addDomain("example.com");
        directory.addDomain("example.org");
        Account tim = directory.addUser("tim@example.com", pw());
        directory.addUser("ann@example.com", pw());
        directory.addUser("bob@example.org", pw());
        Alias team = directory.addAlias("Team@example.com", List.of("TIM@example.com", "ann@example.com"));
        assertThat(team).isEqualTo(new Alias("team@example.com", List.of("ann@example.com", "tim@example.com")));
        assertThat(addresses(directory.resolve("team@EXAMPLE.com"))).containsExactlyInAnyOrder("tim@example.com", "ann@example.com");

        directory.addAlias("all@example.org", List.of("team@example.com", "bob@example.org", "tim@example.com"));
        Resolution all = directory.resolve("all@example.org");
        assertThat(addresses(all)).containsExactlyInAnyOrder("tim@example.com", "ann@example.com", "bob@example.org");
        assertThat(((Resolution.Local) all).recipients()).hasSize(3).contains(new Recipient(tim.id(), "tim@example.com"));

        assertThatThrownBy(() -> directory.addAlias("tim@example.com", List.of("ann@example.com")))
                .isInstanceOf(DirectoryException.AlreadyExists.class);
        assertThatThrownBy(() -> directory.addUser("team@example.com", pw())).isInstanceOf(DirectoryException.AlreadyExists.class);

        directory.removeAliasTarget("team@example.com", "ann@example.com");
        assertThat(addresses(directory.resolve("team@example.com"))).containsExactly("tim@example.com");
        assertThat(directory.listAliases()).extracting(Alias::address).containsExactly("team@example.com", "all@example.org");
        assertThatThrownBy(() -> directory.removeAlias("nope@example.com")).isInstanceOf(DirectoryException.NoSuchAlias.class);
    }

    @Test
    void externalTargetsAreRecordedAsUnsupported() {
        directory.addDomain("example.com");
        directory.addUser("tim@example.com", pw());
        directory.addAlias("fwd@example.com", List.of("someone@elsewhere.example", "tim@example.com"));
        Resolution r = directory.resolve("fwd@example.com");
        assertThat(r).isEqualTo(new Resolution.Local(Set.of(((Resolution.Local) directory.resolve("tim@example.com")).recipients().iterator().next()),
                Set.of("someone@elsewhere.example")));
        directory.addAlias("only-ext@example.com", List.of("someone@elsewhere.example"));
        assertThat(directory.resolve("only-ext@example.com")).isEqualTo(new Resolution.Local(Set.of(), Set.of("someone@elsewhere.example")));
    }

    @Test
    void loopsAreRefusedWhenAddedAndDetectedWhenResolving() {
        directory.addDomain("example.com");
        directory.addUser("tim@example.com", pw());
        directory.addAlias("a@example.com", List.of("b@example.com"));
        directory.addAlias("b@example.com", List.of("c@example.com", "tim@example.com"));
        assertThatThrownBy(() -> directory.addAlias("c@example.com", List.of("a@example.com")))
                .isInstanceOf(DirectoryException.AliasLoop.class)
                .satisfies(e -> assertThat(((DirectoryException.AliasLoop) e).path())
                        .containsExactly("c@example.com", "a@example.com", "b@example.com", "c@example.com"));
        assertThat(directory.listAliases()).extracting(Alias::address).doesNotContain("c@example.com"); // rolled back
        // a self-loop too
        assertThatThrownBy(() -> directory.addAlias("self@example.com", List.of("SELF@example.com")))
                .isInstanceOf(DirectoryException.AliasLoop.class);

        // a loop written behind the directory's back is still caught at resolution
        db.write(c -> c.createStatement().executeUpdate(
                "INSERT INTO aliases (domain_id, local_part, target) SELECT id, 'c', 'a@example.com' FROM domains"));
        assertThatThrownBy(() -> directory.resolve("a@example.com")).isInstanceOf(DirectoryException.AliasLoop.class);
        // diamonds are not loops
        directory.addAlias("d@example.com", List.of("tim@example.com"));
        directory.addAlias("e@example.com", List.of("d@example.com", "tim@example.com"));
        assertThat(addresses(directory.resolve("e@example.com"))).containsExactly("tim@example.com");
    }

    @Test
    void depthIsLimited() {
        Directory shallow = directory(new DirectorySettings("+", Optional.empty(), 3));
        shallow.addDomain("example.com");
        shallow.addUser("tim@example.com", pw());
        shallow.addAlias("l1@example.com", List.of("tim@example.com"));
        shallow.addAlias("l2@example.com", List.of("l1@example.com"));
        shallow.addAlias("l3@example.com", List.of("l2@example.com"));
        assertThat(addresses(shallow.resolve("l3@example.com"))).containsExactly("tim@example.com");
        assertThatThrownBy(() -> shallow.addAlias("l4@example.com", List.of("l3@example.com")))
                .isInstanceOf(DirectoryException.AliasTooDeep.class);
        assertThat(shallow.resolve("l4@example.com")).isInstanceOf(Resolution.UnknownUser.class);
    }

    @Test
    void catchAllPerDomain() {
        directory.addDomain("example.com");
        directory.addDomain("example.org");
        directory.addUser("tim@example.com", pw());
        assertThat(directory.resolve("nobody@example.com")).isEqualTo(new Resolution.UnknownUser("nobody@example.com"));
        directory.setCatchAll("Example.com", "Tim@example.com");
        assertThat(directory.findDomain("example.com").orElseThrow().catchAll()).contains("tim@example.com");
        assertThat(addresses(directory.resolve("nobody@example.com"))).containsExactly("tim@example.com");
        assertThat(directory.resolve("nobody@example.org")).isInstanceOf(Resolution.UnknownUser.class);
        // the catch-all serves the address asked for, not dangling alias targets
        directory.addAlias("typo@example.org", List.of("nobdy@example.com"));
        assertThat(directory.resolve("typo@example.org")).isInstanceOf(Resolution.UnknownUser.class);
        // a catch-all pointing at an unknown address is not a loop, just nothing
        directory.setCatchAll("example.org", "ghost@example.org");
        assertThat(directory.resolve("x@example.org")).isInstanceOf(Resolution.UnknownUser.class);
        directory.clearCatchAll("example.com");
        assertThat(directory.resolve("nobody@example.com")).isInstanceOf(Resolution.UnknownUser.class);
        assertThatThrownBy(() -> directory.setCatchAll("nope.example", "tim@example.com")).isInstanceOf(DirectoryException.NoSuchDomain.class);
    }

    @Test
    void subAddressing() {
        directory.addDomain("example.com");
        directory.addUser("tim@example.com", pw());
        directory.addUser("tim+exact@example.com", pw());
        directory.addAlias("list@example.com", List.of("tim@example.com"));
        assertThat(addresses(directory.resolve("Tim+News@example.com"))).containsExactly("tim@example.com");
        assertThat(addresses(directory.resolve("tim+a+b@example.com"))).containsExactly("tim@example.com");
        assertThat(addresses(directory.resolve("tim+exact@example.com"))).containsExactly("tim+exact@example.com");
        assertThat(addresses(directory.resolve("list+x@example.com"))).containsExactly("tim@example.com");
        assertThat(directory.resolve("+x@example.com")).isInstanceOf(Resolution.UnknownUser.class);
        assertThat(directory.resolve("tim-news@example.com")).isInstanceOf(Resolution.UnknownUser.class);

        Directory dash = directory(new DirectorySettings("-+", Optional.empty(), 8));
        assertThat(addresses(dash.resolve("tim-news@example.com"))).containsExactly("tim@example.com");
        Directory none = directory(new DirectorySettings("", Optional.empty(), 8));
        assertThat(none.resolve("tim+news@example.com")).isInstanceOf(Resolution.UnknownUser.class);
    }

    @Test
    void postmasterExistsForEveryDomain() {
        directory.addDomain("example.com");
        assertThat(directory.resolve("postmaster@example.com")).isInstanceOf(Resolution.UnknownUser.class); // nobody yet
        directory.addUser("ann@example.com", pw());
        clock.advance(Duration.ofSeconds(1));
        directory.addUser("bob@example.com", pw());
        // the oldest user
        assertThat(addresses(directory.resolve("PostMaster@Example.COM"))).containsExactly("ann@example.com");
        assertThat(addresses(directory.resolve("postmaster"))).containsExactly("ann@example.com");
        // then the catch-all
        directory.setCatchAll("example.com", "bob@example.com");
        assertThat(addresses(directory.resolve("postmaster@example.com"))).containsExactly("bob@example.com");
        // then a configured postmaster, for every domain
        directory.addDomain("example.org");
        Directory configured = directory(new DirectorySettings("+", Optional.of("Ann@example.com"), 8));
        assertThat(addresses(configured.resolve("postmaster@example.org"))).containsExactly("ann@example.com");
        assertThat(addresses(configured.resolve("postmaster@example.com"))).containsExactly("ann@example.com");
        assertThat(addresses(configured.resolve("postmaster"))).containsExactly("ann@example.com");
        // an explicit postmaster alias wins
        directory.addAlias("postmaster@example.com", List.of("bob@example.com"));
        assertThat(addresses(configured.resolve("postmaster@example.com"))).containsExactly("bob@example.com");
        // a configured postmaster pointing at postmaster@ itself falls through to the domain's rule
        Directory self = directory(new DirectorySettings("+", Optional.of("postmaster@example.org"), 8));
        directory.addUser("carl@example.org", pw());
        assertThat(addresses(self.resolve("postmaster@example.org"))).containsExactly("carl@example.org");
    }

    @Test
    void listUsersPerDomain() {
        directory.addDomain("example.com");
        directory.addDomain("example.org");
        directory.addUser("b@example.com", pw());
        directory.addUser("a@example.com", pw());
        directory.addUser("z@example.org", pw());
        assertThat(directory.listUsers("EXAMPLE.COM")).extracting(Account::address).containsExactly("a@example.com", "b@example.com");
        assertThat(directory.listUsers()).extracting(Account::address).containsExactly("a@example.com", "b@example.com", "z@example.org");
        assertThatThrownBy(() -> directory.listUsers("nope.example")).isInstanceOf(DirectoryException.NoSuchDomain.class);
    }

    @Test
    void utf8LocalPartsForUsersAliasesAndTheCatchAll() {
        // RFC 6531 §3.3: atext =/ UTF8-non-ascii; NFC (RFC 6532 §3.1) and lower case make one name of its spellings
        directory.addDomain("example.com");
        directory.addDomain("catch.example");
        Account jorg = directory.addUser("Jörg@example.com", pw());
        assertThat(jorg.address()).isEqualTo("jörg@example.com");
        assertThat(directory.addUser("ä".repeat(32) + "@example.com", pw()).address()).hasSize(32 + "@example.com".length());
        assertThatThrownBy(() -> directory.addUser("jo\u0308rg@example.com", pw())).as("NFD spelling of the same name")
                .isInstanceOf(DirectoryException.AlreadyExists.class);
        assertThat(addresses(directory.resolve("JO\u0308RG@example.com"))).containsExactly("jörg@example.com");
        directory.addAlias("verkäufe@example.com", List.of("jörg@example.com"));
        assertThat(addresses(directory.resolve("Verkäufe@example.com"))).containsExactly("jörg@example.com");
        directory.setCatchAll("catch.example", "jörg@example.com");
        assertThat(addresses(directory.resolve("用户@catch.example"))).containsExactly("jörg@example.com");
        assertThat(directory.resolve("用户@example.com")).isEqualTo(new Resolution.UnknownUser("用户@example.com"));
        assertThat(directory.credentials("JÖRG@example.com")).isPresent();
    }

    @Test
    void barePostmasterWithoutDomainsAndSettingsValidation() {
        assertThat(directory.resolve("POSTMASTER")).isEqualTo(new Resolution.UnknownUser("postmaster"));
        assertThatThrownBy(() -> new DirectorySettings(".", Optional.empty(), 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DirectorySettings("@", Optional.empty(), 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DirectorySettings("+", Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DirectorySettings("+", Optional.of("not an address"), 8))
                .isInstanceOf(DirectoryException.InvalidAddress.class);
        assertThat(new DirectorySettings("+", Optional.of("Admin@Example.com"), 8).postmaster()).contains("admin@example.com");
        directory.addDomain("example.com");
        assertThatThrownBy(() -> directory.removeAliasTarget("a@example.com", "b@example.com"))
                .isInstanceOf(DirectoryException.NoSuchAlias.class);
        assertThatThrownBy(() -> directory.addAlias("a@nope.example", List.of("b@example.com")))
                .isInstanceOf(DirectoryException.NoSuchDomain.class);
    }
}
