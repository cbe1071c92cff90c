package dev.surel.delivery;

import dev.surel.dns.DnsResolver;
import dev.surel.protocol.tlsrpt.TlsReport;
import dev.surel.protocol.tlsrpt.TlsRptRecord;
import dev.surel.queue.MailQueue;
import dev.surel.reports.TlsResults;
import dev.surel.store.MailStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the daily TLS reports (RFC 8460 §4-§5): once a UTC day is over, for each recipient domain
 * with results, looks up {@code _smtp._tls.<domain>} (§3) and sends the report to each
 * {@code rua}: {@code mailto:} through the queue (§5.3), {@code https:} as a POST (§5.4). The
 * day's results of the domain are then forgotten, whether or not it asked for reports; when DNS
 * fails they wait for the next run, at most {@value ReportDays#KEEP_DAYS} days.
 *
 * <p>{@link #runOnce} does one pass; the server's {@link ReportTimer} runs it hourly.
 */
public final class TlsReportJob implements ReportTimer.Job {

    private static final Logger log = LoggerFactory.getLogger(TlsReportJob.class);

    private final TlsResults results;
    private final DnsResolver dns;
    private final MailStore store;
    private final MailQueue queue;
    private final ReportPoster poster;
    private final String hostname;
    private final Clock clock;

    /** Where an https: report goes (a POST of the gzipped JSON, §5.4). */
    @FunctionalInterface
    private interface ReportPoster {
        void post(String url, byte[] gzippedJson) throws IOException;
    }

    /**
     * The job ({@link #runOnce} does one pass; {@link ReportTimer} runs it). {@code tls}: the
     * authorities trusted for https report addresses, and the time a POST may take.
     */
    public TlsReportJob(TlsResults results, DnsResolver dns, MailStore store, MailQueue queue, OutboundTlsSettings tls, String hostname,
                        Clock clock) {
        this.results = results;
        this.dns = dns;
        this.store = store;
        this.queue = queue;
        HttpsFetch https = new HttpsFetch(dns, PkixTrust.of(tls.caFile()), 443);
        this.poster = (url, gz) -> https.post(url, gz, "application/tlsrpt+gzip", tls.fetchTimeout());
        this.hostname = hostname;
        this.clock = clock;
    }

    /** One pass: every finished day's reports. Returns how many reports were sent (mail queued or POSTed). */
    @Override
    public int runOnce() {
        return ReportDays.run(results, dns, clock, "TLS", d -> "_smtp._tls." + d, (day, domain, txts) -> {
            var record = TlsRptRecord.select(txts);
            return record.isPresent() ? send(day, domain, record.get()) : 0;
        });
    }

    private int send(LocalDate day, String domain, TlsRptRecord record) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        String id = day + "." + UUID.randomUUID().toString().substring(0, 8);
        TlsReport report = new TlsReport(hostname, "postmaster@" + hostname, id, start, results.policies(day, domain));
        int sent = 0;
        for (String uri : record.rua()) {
            try {
                if (uri.regionMatches(true, 0, "mailto:", 0, 7)) {
                    mail(domain, uri.substring(7), report);
                } else {
                    poster.post(uri, TlsReportMessage.gzip(report));
                }
                sent++;
                log.info("TLS report {} for {} of {} sent to {}", id, domain, day, uri);
            } catch (IOException | RuntimeException e) {
                log.warn("TLS report {} for {} to {} not sent: {}", id, domain, uri, e.getMessage());
            }
        }
        return sent;
    }

    private void mail(String domain, String address, TlsReport report) {
        String to = address.strip();
        int q = to.indexOf('?'); // mailto: headers (RFC 6068) are not used
        if (q >= 0) to = to.substring(0, q);
        TlsReportMessage.mail(hostname, domain, report).send(to, store, queue, clock);
    }
}
