package dev.surel.filter;

import dev.surel.dns.DnsResolver;
import java.net.InetAddress;
import java.util.List;

/**
 * Spam scoring and malware scanning of port 25 mail ({@code [filter]}, docs/filtering.md): one
 * per server, shared by the SMTP sessions; {@link #start} begins the filtering of one message.
 * Without blocklists no DNS is asked; without clamd and rspamd nothing leaves the process.
 * Closed with the SMTP module (rspamd's HTTP client has a thread of its own).
 */
public final class SpamFilter implements AutoCloseable {
    private final FilterSettings settings;
    private final Dnsbl dnsbl;
    private final ClamdClient clamd;
    private final RspamdClient rspamd;

    private SpamFilter(FilterSettings settings, DnsResolver dns) {
        this.settings = settings;
        this.dnsbl = new Dnsbl(dns, settings.dnsbl(), settings.dnsblScore());
        this.clamd = settings.clamd() == null ? null : new ClamdClient(settings.clamd(), settings.connectTimeout(), settings.timeout());
        this.rspamd = settings.rspamd() == null ? null : new RspamdClient(settings.rspamd(), settings.connectTimeout(), settings.timeout());
    }

    /** The filter of the {@code [filter]} settings; blocklists are asked through {@code dns}. */
    public static SpamFilter over(FilterSettings settings, DnsResolver dns) {
        return new SpamFilter(settings, dns);
    }

    @Override
    public void close() {
        if (rspamd != null) rspamd.close();
    }

    /** Whether port 25 mail is filtered. */
    public boolean enabled() {
        return settings.enabled();
    }

    FilterSettings settings() {
        return settings;
    }

    ClamdClient clamd() {
        return clamd;
    }

    RspamdClient rspamd() {
        return rspamd;
    }

    /**
     * Starts the filtering of one message as its data begins (the blocklist lookups start now).
     *
     * @param client     the SMTP client's address
     * @param helo       its EHLO/HELO name
     * @param mailFrom   the reverse-path ("" for the null path)
     * @param recipients the forward-paths
     * @param queueId    the id the message will have (for the logs and rspamd)
     */
    public FilterRun start(InetAddress client, String helo, String mailFrom, List<String> recipients, String queueId) {
        return new FilterRun(this, dnsbl.start(client),
                new RspamdClient.Envelope(client == null ? null : client.getHostAddress(), helo, mailFrom, recipients, queueId));
    }
}
