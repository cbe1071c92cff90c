package dev.surel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code surel domain add|list|remove|catchall}. */
@Command(name = "domain", description = "Manage the local mail domains.", mixinStandardHelpOptions = true)
final class DomainCommand {

    @ParentCommand SurelCommand root;

    @Command(name = "add", description = "Add a local domain (postmaster@ it exists at once).")
    int add(@Parameters(paramLabel = "DOMAIN") String domain) {
        root.ctx.ops().addDomain(domain);
        root.ctx.out().println("domain " + domain + " added");
        return 0;
    }

    @Command(name = "list", description = "List the local domains.")
    int list() {
        root.ctx.ops().listDomains().forEach(root.ctx.out()::println);
        return 0;
    }

    @Command(name = "remove", description = "Remove a domain that has no users or aliases left.")
    int remove(@Parameters(paramLabel = "DOMAIN") String domain) {
        root.ctx.ops().removeDomain(domain);
        root.ctx.out().println("domain " + domain + " removed");
        return 0;
    }

    @Command(name = "catchall", description = "Set or clear the address that receives mail for unknown users of DOMAIN.")
    int catchAll(@Parameters(paramLabel = "DOMAIN") String domain,
                 @Parameters(paramLabel = "ADDRESS", arity = "0..1") String address,
                 @Option(names = "--clear", description = "remove the catch-all") boolean clear) {
        if ((address == null) == !clear) {
            root.ctx.err().println("give either an ADDRESS or --clear");
            return 64;
        }
        root.ctx.ops().setCatchAll(domain, address);
        root.ctx.out().println(clear ? "catch-all of " + domain + " cleared" : "catch-all of " + domain + " is " + address);
        return 0;
    }

    @Command(name = "pop3", description = "Show or set the POP3 leave-on-server policy of a domain: delete (DELE removes at QUIT), "
            + "keep:<days>d (also removed <days> after the first download), hide (DELE hides it from POP3, IMAP keeps it), "
            + "default (inherit).")
    int pop3(@Parameters(paramLabel = "DOMAIN") String name,
             @Option(names = "--policy", paramLabel = "POLICY", description = "delete, keep:30d, hide or default") String policy) {
        root.ctx.out().println(root.ctx.ops().pop3Policy(true, name, policy));
        return 0;
    }
}
