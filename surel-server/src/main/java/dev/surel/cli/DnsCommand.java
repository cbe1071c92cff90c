package dev.surel.cli;

import dev.surel.config.ConfigException;
import dev.surel.config.SurelConfig;
import dev.surel.dns.DnsResolver;
import dev.surel.mailauth.DkimKeys;
import dev.surel.mailauth.DomainRecordCheck;
import dev.surel.mailauth.DomainRecords;
import dev.surel.mailauth.PublishedRecord;
import dev.surel.net.Endpoint;
import dev.surel.net.HostPort;
import dev.surel.server.Services;
import java.io.PrintStream;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code surel dns DOMAIN [--check]}: the DNS records a domain needs, ready to paste into its zone;
 * with {@code --check}, what the configured resolver ({@code [dns]}) finds for each. Reads only
 * the configuration and the DKIM key files, so it also serves to plan a domain before adding it.
 */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = "Print the DNS records DOMAIN needs (MX, SPF, DKIM, DMARC, MTA-STS, TLS-RPT, SRV for mail clients, "
                + "autoconfig), ready to paste; with --check, look them up and say which are missing or wrong "
                + "(exit 1 then, 75 when DNS did not answer).")
final class DnsCommand implements Callable<Integer> {

    static final int PROBLEMS = 1;
    static final int TEMPFAIL = 75; // sysexits EX_TEMPFAIL

    @ParentCommand SurelCommand root;

    @Parameters(paramLabel = "DOMAIN") String domain;

    @Option(names = "--check", description = "look the records up through the configured resolver and judge them")
    boolean check;

    @Override
    public Integer call() {
        PrintStream out = root.ctx.out();
        SurelConfig config;
        try {
            config = root.loadConfig();
        } catch (ConfigException e) {
            root.ctx.err().println("surel: configuration: " + e.getMessage());
            return Main.EX_CONFIG;
        }
        // the DKIM keys are files (read-only here, no lock needed): active and pending keys are published, retired ones until removed
        List<DomainRecords.DkimTxt> dkim = DkimKeys.open(config.dataDir().resolve(Services.DKIM), Clock.systemUTC()).list(domain).stream()
                .map(k -> new DomainRecords.DkimTxt(k.selector(), k.record(), k.state().name().toLowerCase(Locale.ROOT))).toList();
        DomainRecords records = new DomainRecords(domain, config.hostname(), ports(config.listen()), dkim);
        return check ? check(records, config, out) : print(records, out);
    }

    private static int print(DomainRecords d, PrintStream out) {
        out.println("; DNS records for " + d.domain() + ", whose mail this server (" + d.hostname() + ") handles");
        for (PublishedRecord r : d.records()) {
            out.println();
            out.println("; " + r.purpose());
            out.println(r.zoneLine());
        }
        out.println();
        out.println("; The MTA-STS policy, to serve over HTTPS at " + d.mtaStsPolicyUrl() + " (change mode to enforce");
        out.println("; once the server's certificate is from a public CA, and publish a new _mta-sts id):");
        for (String line : d.mtaStsPolicy().split("\r\n")) out.println(";   " + line);
        return 0;
    }

    private static int check(DomainRecords d, SurelConfig config, PrintStream out) {
        // no cache: a record just published must be seen (the resolver's own cache is another matter)
        DnsResolver dns = new DnsResolver(config.dns().servers(), config.dns().timeout(), Clock.systemUTC(), 0);
        int wrong = 0;
        int unknown = 0;
        for (DomainRecordCheck.Finding f : new DomainRecordCheck(dns).check(d)) {
            PublishedRecord r = f.record();
            out.printf("%-7s %-5s %s: %s%n", f.status(), r.type(), r.name(), f.detail());
            switch (f.status()) {
                case MISSING, WRONG -> {
                    wrong++;
                    out.println("        publish: " + r.zoneLine());
                }
                case UNKNOWN -> unknown++;
                case OK, NOTE -> { }
            }
        }
        if (wrong > 0) {
            out.println(wrong + " record(s) missing or wrong");
            return PROBLEMS;
        }
        if (unknown > 0) {
            out.println(unknown + " record(s) could not be looked up (DNS: " + String.join(", ", dns.servers()) + ")");
            return TEMPFAIL;
        }
        out.println("all records of " + d.domain() + " are published");
        return 0;
    }

    private static Map<Endpoint, Integer> ports(Map<Endpoint, HostPort> listen) {
        Map<Endpoint, Integer> ports = new EnumMap<>(Endpoint.class);
        listen.forEach((e, hp) -> ports.put(e, hp.port()));
        return ports;
    }
}
