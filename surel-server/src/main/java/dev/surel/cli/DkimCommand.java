package dev.surel.cli;

import dev.surel.mailauth.DkimKey;
import dev.surel.protocol.dkim.DkimAlgorithm;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code surel dkim generate|list|rotate|activate|remove}: the DKIM keys of the hosted domains
 * (docs/mail-authentication.md, "Signing outgoing mail and rolling keys"). Exit codes: unknown
 * domain EX_NOUSER (67), unknown selector EX_NOINPUT (66), selector taken EX_CANTCREAT (73), a
 * bad name or a refused change EX_DATAERR (65).
 */
@Command(name = "dkim", description = "Manage the DKIM keys outgoing mail is signed with.", mixinStandardHelpOptions = true)
final class DkimCommand {

    @ParentCommand SurelCommand root;

    /** --algorithm's values. */
    enum Algorithm {
        rsa(DkimAlgorithm.RSA_SHA256), ed25519(DkimAlgorithm.ED25519_SHA256);

        final DkimAlgorithm dkim;

        Algorithm(DkimAlgorithm dkim) {
            this.dkim = dkim;
        }
    }

    @Command(name = "generate", description = "Create an active key for DOMAIN and print its DNS record; mail from DOMAIN "
            + "is signed with it at once (publish the record first for a domain already sending mail, or use rotate).")
    int generate(@Parameters(paramLabel = "DOMAIN") String domain,
                 @Option(names = "--selector", paramLabel = "SEL", description = "the selector (default: rsaYYYYMMDD or edYYYYMMDD)")
                 String selector,
                 @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "rsa",
                         description = "rsa (2048 bits, verified everywhere; the default) or ed25519 (RFC 8463)") Algorithm algorithm) {
        DkimKey k = root.ctx.ops().dkimGenerate(domain, selector, algorithm.dkim);
        root.ctx.out().println(k.zoneLine());
        root.ctx.err().println("DKIM key " + k.selector() + " (" + k.algorithm().keyType() + ") of " + k.domain()
                + " is active: publish the record above");
        return 0;
    }

    @Command(name = "list", description = "List the DKIM keys (of DOMAIN, or of every domain), each with its DNS record.")
    int list(@Parameters(paramLabel = "DOMAIN", arity = "0..1") String domain) {
        for (DkimKey k : root.ctx.ops().dkimList(domain)) {
            describe(root.ctx.out(), k);
        }
        return 0;
    }

    @Command(name = "rotate", description = "Create a pending key on a new selector: publish its record, wait for the DNS TTL, "
            + "then 'surel dkim activate DOMAIN SELECTOR'.")
    int rotate(@Parameters(paramLabel = "DOMAIN") String domain,
               @Option(names = "--algorithm", paramLabel = "ALG", description = "rsa or ed25519 (default: that of the active key)")
               Algorithm algorithm) {
        DkimKey k = root.ctx.ops().dkimRotate(domain, algorithm == null ? null : algorithm.dkim);
        root.ctx.out().println(k.zoneLine());
        root.ctx.err().println("DKIM key " + k.selector() + " (" + k.algorithm().keyType() + ") of " + k.domain()
                + " is pending: publish the record above, then run: surel dkim activate " + k.domain() + " " + k.selector());
        return 0;
    }

    @Command(name = "activate", description = "Sign with the key SELECTOR from now on; the active key of its algorithm is "
            + "retired (keep its record published a few days, then remove it).")
    int activate(@Parameters(paramLabel = "DOMAIN") String domain, @Parameters(paramLabel = "SELECTOR") String selector) {
        List<DkimKey> changed = root.ctx.ops().dkimActivate(domain, selector);
        for (DkimKey k : changed) {
            root.ctx.out().println(k.recordName() + " " + k.algorithm().keyType() + " " + k.state().word());
        }
        return 0;
    }

    @Command(name = "remove", description = "Remove the key SELECTOR of DOMAIN (then remove its DNS record).")
    int remove(@Parameters(paramLabel = "DOMAIN") String domain, @Parameters(paramLabel = "SELECTOR") String selector,
               @Option(names = "--force", description = "remove even the active key (mail then goes out without its signature)")
               boolean force) {
        DkimKey k = root.ctx.ops().dkimRemove(domain, selector, force);
        root.ctx.out().println(k.recordName() + " removed; remove its DNS record too");
        return 0;
    }

    private static void describe(PrintStream out, DkimKey k) {
        out.println(String.format(Locale.ROOT, "%s %s %s %s %s", k.domain(), k.selector(), k.algorithm().keyType(),
                k.state().word(), k.created()));
        out.println("  " + k.zoneLine());
    }
}
