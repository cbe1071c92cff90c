package dev.surel.delivery;

import dev.surel.dns.DnsResolver;
import dev.surel.protocol.dmarcreport.AggregateReport;
import dev.surel.protocol.dmarcreport.ReportAddresses;
import dev.surel.queue.MailQueue;
import dev.surel.reports.DmarcResults;
import dev.surel.store.MailStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the daily DMARC aggregate reports (RFC 7489 §7.2): once a UTC day is over, for each policy
 * domain with results, looks up its DMARC record ({@code _dmarc.<domain>}) and mails the report
 * (XML, gzipped, §7.2.1.1) to each {@code mailto:} of its {@code rua}. An address outside the
 * policy domain gets it only when its domain agrees (§7.1: a {@code v=DMARC1} record at
 * {@code <policy domain>._report._dmarc.<address domain>}). The day's rows of the domain are
 * then forgotten; when DNS fails they wait, at most {@value ReportDays#KEEP_DAYS} days.
 */
public final class DmarcReportJob implements ReportTimer.Job {

    private static final Logger log = LoggerFactory.getLogger(DmarcReportJob.class);

    private final DmarcResults results;
    private final DnsResolver dns;
    private final MailStore store;
    private final MailQueue queue;
    private final String hostname;
    private final Clock clock;

    public DmarcReportJob(DmarcResults results, DnsResolver dns, MailStore store, MailQueue queue, String hostname, Clock clock) {
        this.results = results;
        this.dns = dns;
        this.store = store;
        this.queue = queue;
        this.hostname = hostname;
        this.clock = clock;
    }

    @Override
    public int runOnce() {
        return ReportDays.run(results, dns, clock, "DMARC", d -> "_dmarc." + d, (day, domain, txts) -> {
            List<String> records = txts.stream().filter(x -> x.startsWith("v=DMARC1")).toList();
            return records.size() == 1 ? send(day, domain, ReportAddresses.rua(records.getFirst())) : 0;
        });
    }

    private int send(LocalDate day, String domain, List<String> rua) {
        if (rua.isEmpty()) return 0;
        DmarcResults.DayOfDomain d = results.day(day, domain);
        if (d.published() == null) return 0;
        Instant begin = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = begin.plusSeconds(86_399);
        String id = day + "." + UUID.randomUUID().toString().substring(0, 8);
        AggregateReport report = new AggregateReport(hostname, "postmaster@" + hostname, id, begin, end, d.published(), d.rows());
        byte[] gz = ReportMail.gzip(report.toXml().getBytes(StandardCharsets.UTF_8));
        // §7.2.1.1: filename = receiver "!" policy-domain "!" begin-timestamp "!" end-timestamp "!" unique-id ".xml.gz"
        String file = hostname + "!" + domain + "!" + begin.getEpochSecond() + "!" + end.getEpochSecond() + "!" + id + ".xml.gz";
        ReportMail mail = new ReportMail(hostname, domain, id, "mixed", "",
                "This is a DMARC aggregate report (RFC 7489) from " + hostname + " about mail from " + domain + ".",
                "application/gzip", file, gz);
        int sent = 0;
        for (String to : rua) {
            if (!authorized(domain, to)) {
                log.info("DMARC report {} for {} not sent to {}: its domain does not accept reports for {} (RFC 7489 §7.1)", id, domain, to, domain);
                continue;
            }
            try {
                mail.send(to, store, queue, clock);
                sent++;
                log.info("DMARC report {} for {} of {} sent to {}", id, domain, day, to);
            } catch (RuntimeException e) {
                log.warn("DMARC report {} for {} to {} not sent: {}", id, domain, to, e.getMessage());
            }
        }
        return sent;
    }

    /**
     * §7.1: a report address in the policy domain (or under it, or above it) is fine; another
     * domain must say it accepts the policy domain's reports.
     */
    private boolean authorized(String policyDomain, String address) {
        String target = ReportAddresses.domainOf(address);
        String p = policyDomain.toLowerCase(Locale.ROOT);
        if (target.equals(p) || target.endsWith("." + p) || p.endsWith("." + target)) return true;
        return dns.txt(p + "._report._dmarc." + target).records().stream().anyMatch(t -> t.text().startsWith("v=DMARC1"));
    }
}
