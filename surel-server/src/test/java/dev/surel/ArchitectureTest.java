package dev.surel;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.surel.store.PlantedViolation;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The package structure stays as docs/adr/0010-layers-and-module-wiring.md decides: no package
 * cycles, and no dependency from a lower layer to a higher one. Layers, top to bottom:
 *
 * <ol>
 *   <li>{@code cli}: the command line; starts the server</li>
 *   <li>{@code server}: the only place that wires modules (ModuleWiring, Services)</li>
 *   <li>{@code config}: reads {@code surel.toml} into every module's settings</li>
 *   <li>protocols: {@code smtp}, {@code imap}, {@code pop3}, {@code managesieve} (none imports another)</li>
 *   <li>delivery: {@code queue}, {@code delivery}</li>
 *   <li>domain and operations: {@code accounts}, {@code auth}, {@code maildrop}, {@code admin}, {@code backup},
 *       {@code transfer} (import and export), {@code mailauth} (SPF, DKIM, DMARC with DNS), {@code reports} (TLS-RPT results),
 *       {@code sieve} (Sieve scripts), {@code filter} (spam scoring, clamd, rspamd),
 *       {@code fulltext} (the full-text index of SEARCH)</li>
 *   <li>{@code store} (API, {@code store.sql} backend, {@code store.blob} files)</li>
 *   <li>base: {@code net}, {@code dns}, {@code tls}, {@code log}, {@code time}, {@code text} and the pure {@code dev.surel.protocol} parsers</li>
 * </ol>
 *
 * Both rules are shown to fail on a planted violation ({@link PlantedViolation}, a test class in
 * the store that reaches up into the server), so they cannot pass by checking nothing.
 */
class ArchitectureTest {

    /** Both modules' main classes, whether surel-protocol is on the class path as a directory or a jar. */
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.surel");

    static final ArchRule NO_CYCLES = slices().matching("dev.surel.(**)").should().beFreeOfCycles();

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("cli").definedBy("dev.surel.cli..")
            .layer("server").definedBy("dev.surel.server..")
            .layer("config").definedBy("dev.surel.config..")
            .layer("smtp").definedBy("dev.surel.smtp..")
            .layer("imap").definedBy("dev.surel.imap..")
            .layer("pop3").definedBy("dev.surel.pop3..")
            .layer("managesieve").definedBy("dev.surel.managesieve..")
            .layer("delivery").definedBy("dev.surel.queue..", "dev.surel.delivery..")
            .layer("domain").definedBy("dev.surel.accounts..", "dev.surel.auth..", "dev.surel.maildrop..", "dev.surel.admin..",
                    "dev.surel.backup..", "dev.surel.transfer..", "dev.surel.mailauth..", "dev.surel.reports..", "dev.surel.sieve..",
                    "dev.surel.filter..", "dev.surel.fulltext..")
            .layer("store").definedBy("dev.surel.store..")
            .layer("base").definedBy("dev.surel.net..", "dev.surel.dns..", "dev.surel.tls..", "dev.surel.log..", "dev.surel.time..", "dev.surel.text..",
                    "dev.surel.protocol..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("server").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("config").mayOnlyBeAccessedByLayers("cli", "server")
            .whereLayer("smtp").mayOnlyBeAccessedByLayers("server", "config")
            .whereLayer("imap").mayOnlyBeAccessedByLayers("server", "config")
            .whereLayer("pop3").mayOnlyBeAccessedByLayers("server", "config")
            .whereLayer("managesieve").mayOnlyBeAccessedByLayers("server", "config")
            .whereLayer("delivery").mayOnlyBeAccessedByLayers("server", "config", "smtp", "imap", "pop3")
            .whereLayer("domain").mayOnlyBeAccessedByLayers("cli", "server", "config", "smtp", "imap", "pop3", "managesieve", "delivery")
            .whereLayer("store").mayOnlyBeAccessedByLayers("cli", "server", "config", "smtp", "imap", "pop3", "managesieve", "delivery", "domain");

    @Test
    void packagesHaveNoCycles() {
        assertThat(MAIN.size()).as("main classes found").isGreaterThan(300);
        assertThat(MAIN.containPackage("dev.surel.protocol.imap")).as("surel-protocol's classes are checked too").isTrue();
        assertThat(MAIN.containPackage("dev.surel.server")).isTrue();
        NO_CYCLES.check(MAIN);
    }

    @Test
    void noLayerDependsOnAHigherOne() {
        LAYERS.check(MAIN);
    }

    /** A new package must be given its layer here (and in the ADR), or it would escape the layer check. */
    @Test
    void everyPackageHasALayer() {
        java.util.Set<String> layered = java.util.Set.of("cli", "server", "config", "smtp", "imap", "pop3", "managesieve", "queue", "delivery",
                "accounts", "sieve", "auth", "maildrop", "admin", "backup", "transfer", "mailauth", "reports", "filter", "fulltext", "store", "net", "dns", "tls", "log", "time", "text", "protocol");
        java.util.Set<String> missing = new java.util.TreeSet<>();
        for (var c : MAIN) {
            String rest = c.getPackageName().substring("dev.surel".length());
            String top = rest.isEmpty() ? "" : rest.substring(1).split("\\.")[0];
            if (!layered.contains(top)) missing.add(c.getPackageName());
        }
        assertThat(missing).as("packages without a layer").isEmpty();
    }

    @Test
    void bothRulesFailOnAPlantedViolation() throws URISyntaxException {
        Path planted = Path.of(PlantedViolation.class.getResource("PlantedViolation.class").toURI());
        JavaClasses withPlant = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPaths(Path.of(dev.surel.server.SurelServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()), planted);
        assertThatThrownBy(() -> NO_CYCLES.check(withPlant)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected").hasMessageContaining("PlantedViolation");
        assertThatThrownBy(() -> LAYERS.check(withPlant)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("PlantedViolation").hasMessageContaining("dev.surel.server.Services");
    }
}
