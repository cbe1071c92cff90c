package dev.surel.delivery;

import dev.surel.dns.DnsResolver;
import dev.surel.dns.Lookup;
import dev.surel.dns.Txt;
import dev.surel.reports.DailyResults;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pass both daily report jobs make: for each finished UTC day and each domain with results,
 * the domain's reporting record (a TXT lookup) decides whether and where a report goes; the day of
 * the domain is then forgotten. When the lookup fails for now the results wait for the next run,
 * at most {@value #KEEP_DAYS} days.
 */
final class ReportDays {

    private static final Logger log = LoggerFactory.getLogger(ReportDays.class);
    static final int KEEP_DAYS = 3;

    /** Sends the report of one day of one domain, given the domain's TXT texts at its reporting name; returns how many went. */
    @FunctionalInterface
    interface Sender {
        int send(LocalDate day, String domain, List<String> txts);
    }

    private ReportDays() {
    }

    /**
     * @param what    "TLS", "DMARC" (for the log)
     * @param txtName the reporting record's name of a domain ({@code _smtp._tls.<d>}, {@code _dmarc.<d>})
     */
    static int run(DailyResults results, DnsResolver dns, Clock clock, String what, java.util.function.UnaryOperator<String> txtName,
                   Sender sender) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        int sent = 0;
        for (LocalDate day : results.finishedDays(today)) {
            for (String domain : results.domains(day)) {
                Lookup<Txt> txt = dns.txt(txtName.apply(domain));
                if (txt instanceof Lookup.Temporary<Txt> t && day.isAfter(today.minusDays(KEEP_DAYS + 1))) {
                    log.info("{} report for {} of {} waits: {}", what, domain, day, t.reason());
                    continue;
                }
                sent += sender.send(day, domain, txt.records().stream().map(Txt::text).toList());
                results.forget(day, domain);
            }
        }
        return sent;
    }
}
