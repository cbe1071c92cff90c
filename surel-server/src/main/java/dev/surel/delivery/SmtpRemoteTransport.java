package dev.surel.delivery;

import dev.surel.dns.DnsResolver;
import dev.surel.dns.Lookup;
import dev.surel.dns.Tlsa;
import dev.surel.mailauth.OutboundSigner;
import dev.surel.net.HostPort;
import dev.surel.protocol.dkim.DkimException;
import dev.surel.protocol.dkim.MessageHasher;
import dev.surel.protocol.mtasts.MtaStsPolicy;
import dev.surel.protocol.smtp.client.ClientCommands;
import dev.surel.protocol.smtp.client.DataEncoder;
import dev.surel.protocol.smtp.client.EhloCapabilities;
import dev.surel.protocol.smtp.client.SmtpReply;
import dev.surel.protocol.tlsrpt.TlsReport;
import dev.surel.queue.Envelope;
import dev.surel.queue.QueueRecipient;
import dev.surel.queue.RemoteTransport;
import dev.surel.reports.TlsSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound SMTP delivery: the queue's {@link RemoteTransport}.
 *
 * <p>Host selection, first match wins: the static route table ({@code domain -> host:port}),
 * the relay host (smarthost, with AUTH PLAIN/LOGIN only over TLS, RFC 4954 §4), else DNS
 * through {@link MxResolver} (RFC 5321 §5.1, null MX RFC 7505). Hosts are tried in order
 * while they fail at the connection level (refused, timeout, a greeting or EHLO that is not
 * 2xx, RFC 5321 §5.1 "try the next"); once a transaction ran, its replies decide.
 *
 * <p>Per session: EHLO (HELO fallback), opportunistic STARTTLS (RFC 3207; a failed handshake
 * is retried in clear on a new connection, as Postfix does, and logged), PIPELINING (RFC
 * 2920), SIZE (RFC 1870: refused early, 5.3.4, when the peer's limit is smaller), BODY=8BITMIME
 * (RFC 6152) when offered, SMTPUTF8 (RFC 6531 §3.2: a flagged message for a peer without it
 * fails with 5.6.7), DSN parameters (RFC 3461 §4) when the peer offers DSN. BODY=BINARYMIME
 * needs BDAT, which this client does not speak: such a message fails with 5.6.3.
 *
 * <p>Outcomes: RCPT 4xx Deferred, 5xx Failed; after the data, 250 Delivered, 4xx Deferred,
 * 5xx Failed, each with the peer's enhanced status (or one derived from the basic code). A
 * connection lost after the content was sent, before the reply, is Deferred (at-least-once:
 * the peer may have the message). Never throws for a peer's behaviour.
 *
 * <p>DKIM (RFC 6376 §5, RFC 8463): mail submitted by a logged-in user and mail the server
 * writes itself (DSNs; {@link Envelope#origin}) is signed here, at each delivery attempt, with
 * the active keys of its author's domain ({@link OutboundSigner}); relayed mail is not. Signing
 * at delivery rather than at acceptance: the stored message is never written a second time (the
 * DKIM-Signature fields are sent before the stored bytes, not stored with them); the body is
 * hashed by streaming the blob once through the same {@link DataEncoder} that sends it, unstuffed
 * ({@link DataEncoder#unstuffed}), so the signature covers exactly what the peer receives, after
 * the only rewrite this client makes (breaking lines over 998 octets; it converts no 8-bit
 * content: a message is sent as stored, with BODY=8BITMIME when offered); and a key activated or
 * removed while a message waits in the queue is used or dropped at its next attempt. The cost is
 * one more read of the message per attempt, and the signing itself (an RSA-2048 signature is
 * about a millisecond).
 *
 * <p>TLS policy per MX host ({@link TlsRequirement}): DANE (RFC 7672) when the host has validated
 * TLSA records, else MTA-STS (RFC 8461) when the domain's policy is in enforce mode, else
 * opportunistic. Under a policy TLS is required and the certificate checked; what cannot be met
 * waits in the queue (4.7.4, 4.7.5) and is never sent in clear. A message with REQUIRETLS (RFC
 * 8689) goes only under such a policy and to a server that offers REQUIRETLS, else it fails with
 * 5.7.10. Every MX session's TLS outcome goes to the TLS reports (RFC 8460,
 * {@link OutboundOptions#tlsSessions}). Forwarded mail leaves from an SRS address
 * ({@link SenderRewriting}).
 *
 * <p>Concurrency per destination domain is the queue's ({@code queue.max_per_domain}); this
 * class is safe to call from many threads at once.
 */
public final class SmtpRemoteTransport implements RemoteTransport, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpRemoteTransport.class);

    private final DeliverySettings settings;
    private final MxResolver resolver;
    private final ScheduledExecutorService timer;
    private final DnsResolver dns;
    private final OutboundTlsSettings tls;
    private final PkixTrust pkix;
    private final MtaStsPolicies mtaSts;
    private final SenderRewriting senders;
    private final OutboundOptions options;
    private final OutboundSigner signer; // null: nothing is signed

    public SmtpRemoteTransport(DeliverySettings settings) {
        this(settings, new Random());
    }

    /** With a resolver of its own asking {@code settings.resolver()} (tests; the server passes its one resolver). */
    public SmtpRemoteTransport(DeliverySettings settings, Random random) {
        this(settings, new DnsResolver(settings.resolver() == null ? List.of() : List.of(settings.resolver()),
                settings.dnsTimeout(), Clock.systemUTC(), DnsResolver.DEFAULT_CACHE_SIZE), random);
    }

    /** MX, A and AAAA lookups go to {@code dns} (the server's one resolver, {@code [dns]}); the default options. */
    public SmtpRemoteTransport(DeliverySettings settings, DnsResolver dns, Random random) {
        this(settings, dns, random, OutboundOptions.DEFAULTS);
    }

    /**
     * With {@code options}: MTA-STS and DANE settings, the envelope sender of each message (SRS),
     * the clock of the policy cache, where TLS outcomes go, and the DKIM signer of submitted and
     * server-written mail.
     */
    public SmtpRemoteTransport(DeliverySettings settings, DnsResolver dns, Random random, OutboundOptions options) {
        this.settings = settings;
        this.dns = dns;
        this.tls = options.tls();
        this.senders = options.senders();
        this.signer = options.signer();
        this.options = options;
        this.pkix = PkixTrust.of(tls.caFile());
        this.mtaSts = new MtaStsPolicies(dns, new HttpsFetch(dns, pkix, options.httpsPort()), options.clock(), tls.fetchTimeout(),
                MtaStsPolicies.PolicyStore.of(options.mtaStsCache()));
        this.resolver = new MxResolver(dns, settings.smtpPort(), random);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smtp-out-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    @Override
    public List<RecipientOutcome> deliver(OutboundMessage message) {
        String domain = message.domain().toLowerCase(Locale.ROOT);
        try {
            message = signed(message);
            List<RecipientOutcome> out = route(message, domain);
            for (RecipientOutcome o : out) {
                log.debug("queue {} to <{}>: {}", message.queueId(), o.recipient().address(), describe(o)); // the queue logs each attempt at INFO
            }
            return out;
        } catch (RuntimeException e) {
            log.error("queue {}: delivery to {} failed unexpectedly", message.queueId(), domain, e);
            return all(message, r -> new RecipientOutcome.Deferred(r, null, "4.3.0 internal error in outbound delivery"));
        }
    }

    /**
     * The message with its DKIM-Signature fields before the stored bytes (and its size grown by
     * them), or unchanged when its author's domain has no active key. Mail relayed from port 25
     * (an alias's external target) is not DKIM-signed but ARC-sealed by the domain it was sent to
     * here (RFC 8617 §5.1, {@link OutboundSigner#seal}), so the next receiver can see what this
     * server found before forwarding changed anything. The hash reads the stored message once,
     * through the encoder that will send it.
     */
    private OutboundMessage signed(OutboundMessage m) {
        if (signer == null) return m;
        boolean relay = m.envelope().origin() == Envelope.Origin.RELAY;
        if (relay && m.envelope().authResults().isEmpty()) return m;
        MessageHasher hasher = OutboundSigner.hasher();
        List<String> fields;
        try (InputStream in = m.content().open()) {
            DataEncoder as = DataEncoder.unstuffed(new java.io.BufferedOutputStream(hasher, 64 * 1024)); // the encoder writes octets
            in.transferTo(as);
            as.finish(); // flushes
            MessageHasher.Result hashed = hasher.finish();
            if (relay) {
                String forwarder = forwardingDomain(m);
                fields = signer.seal(hashed, forwarder, m.envelope().authResults()).stream().toList();
                if (fields.isEmpty()) {
                    log.debug("queue {}: forwarded without an ARC set (no RSA key of {} or a failed chain)", m.queueId(), forwarder);
                    return m;
                }
            } else {
                fields = signer.sign(hashed);
                if (fields.isEmpty()) {
                    log.debug("queue {}: not signed: no active DKIM key for {}", m.queueId(), OutboundSigner.authorDomain(hashed));
                    return m;
                }
            }
        } catch (DkimException e) {
            log.warn("queue {}: sent without a DKIM signature or ARC set: {}", m.queueId(), e.getMessage());
            return m;
        } catch (IOException e) {
            log.warn("queue {}: cannot read the message to sign it: {}", m.queueId(), text(e));
            return m; // the attempt itself reads it again and defers if it still cannot
        }
        byte[] prefix = String.join("", fields).getBytes(StandardCharsets.ISO_8859_1);
        log.debug("queue {}: {} {}", m.queueId(), relay ? "ARC set" : fields.size() + " DKIM signature(s)", relay ? "added" : "");
        Content stored = m.content();
        return new OutboundMessage(m.queueId(), m.envelope(), m.domain(), m.recipients(), m.size() + prefix.length,
                () -> new SequenceInputStream(new ByteArrayInputStream(prefix), stored.open()));
    }

    /** The domain that forwards a relayed message: that of the address it was sent to here (the alias). */
    private static String forwardingDomain(OutboundMessage m) {
        String to = m.recipients().getFirst().rcptTo();
        return to.substring(to.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private List<RecipientOutcome> route(OutboundMessage message, String domain) {
        HostPort route = settings.routes().get(domain);
        TlsRequirement fixed = message.envelope().requireTls() ? new TlsRequirement.Verified() : UNREPORTED;
        if (route != null) return tryHosts(message, List.of(fixedHost(route)), false, h -> fixed);
        if (settings.relayHost() != null) {
            return tryHosts(message, List.of(fixedHost(settings.relayHost())), settings.relayUser() != null, h -> fixed);
        }
        return switch (resolver.resolve(domain)) {
            case MxResolver.Destination.NullMx n -> all(message, r -> new RecipientOutcome.Failed(r, null, "5.1.10",
                    "5.1.10 " + domain + " accepts no mail (null MX, RFC 7505)"));
            case MxResolver.Destination.Permanent p -> all(message, r -> new RecipientOutcome.Failed(r, null, p.status(),
                    p.status() + " " + p.reason()));
            case MxResolver.Destination.Temporary t -> all(message, r -> new RecipientOutcome.Deferred(r, null, "4.4.3 " + t.reason()));
            case MxResolver.Destination.Hosts h -> toMx(message, domain, h.hosts());
        };
    }

    /** Routes and the relay host: the operator's own hosts, opportunistic TLS, not in TLS reports. */
    private static final TlsRequirement UNREPORTED = new TlsRequirement.Opportunistic(null, false);

    /**
     * Delivery to a domain's MX hosts under its TLS policy. An MTA-STS policy in enforce mode
     * (RFC 8461 §4.1, §5) keeps only the MX hosts it names (none left: deferred, 4.7.5) and
     * requires authenticated TLS to them; a host with DNSSEC-validated TLSA records is held to
     * DANE instead (RFC 8461 §2, RFC 7672 §2.2).
     */
    private List<RecipientOutcome> toMx(OutboundMessage message, String domain, List<MxResolver.MailHost> hosts) {
        if ((tls.mtaSts() || tls.dane()) && tlsOptional(message)) {
            log.info("queue {}: TLS-Required: No: the TLS policies of {} are not applied (RFC 8689 §4.2.2)", message.queueId(), domain);
            return tryHosts(message, hosts, false, h -> UNREPORTED);
        }
        Optional<MtaStsPolicy> policy = tls.mtaSts() ? mtaSts.policy(domain) : Optional.empty();
        boolean enforce = policy.isPresent() && policy.get().mode() == MtaStsPolicy.Mode.ENFORCE;
        List<MxResolver.MailHost> allowed = enforce ? hosts.stream().filter(h -> policy.get().allows(h.name())).toList() : hosts;
        if (allowed.isEmpty()) {
            String names = hosts.stream().map(MxResolver.MailHost::name).toList().toString();
            return all(message, r -> new RecipientOutcome.Deferred(r, null,
                    "4.7.5 no MX host of " + domain + " " + names + " is allowed by its MTA-STS policy (RFC 8461 §4.1)"));
        }
        return tryHosts(message, allowed, false, h -> requirement(domain, h, policy.orElse(null)));
    }

    /**
     * Whether the sender asked, with {@code TLS-Required: No}, that recipient-side TLS policies be
     * ignored (RFC 8689 §4.2.2): TLS is then opportunistic, tried and given up when it fails, and
     * the sessions are not counted in TLS reports (no policy was applied). REQUIRETLS in the
     * envelope wins over the field (§3). A message that cannot be read here is not optional.
     */
    private static boolean tlsOptional(OutboundMessage message) {
        if (message.envelope().requireTls()) return false;
        try (InputStream in = message.content().open()) {
            return TlsRequiredField.saysNo(in);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The TLS a host of {@code domain} must offer under {@code policy} (MTA-STS, or null); null
     * when it cannot be known now (a failed TLSA lookup: the host is skipped).
     */
    private TlsRequirement requirement(String domain, MxResolver.MailHost host, MtaStsPolicy policy) {
        if (tls.dane()) {
            Lookup<Tlsa> tlsa = dns.tlsa("_25._tcp." + host.name());
            switch (tlsa) {
                // RFC 7672 §2.2: only records the resolver validated (AD) count; a failed lookup
                // may hide them, so the host is not used without them
                case Lookup.Found<Tlsa> f when f.authenticated() -> {
                    return new TlsRequirement.Dane(f.records());
                }
                case Lookup.Temporary<Tlsa> t -> {
                    options.tlsSessions().accept(new TlsSession(domain, TlsReport.PolicyType.TLSA, List.of(), host.name(), "",
                            TlsFailures.DNSSEC_INVALID));
                    return null;
                }
                default -> { }
            }
        }
        if (policy != null && policy.mode() == MtaStsPolicy.Mode.ENFORCE) return new TlsRequirement.MtaSts(policy);
        return new TlsRequirement.Opportunistic(policy != null && policy.mode() == MtaStsPolicy.Mode.TESTING ? policy : null, true);
    }

    /** Counts one session for the TLS reports of the message's domain (RFC 8460), when its requirement is reported. */
    private void report(OutboundMessage message, MxResolver.MailHost host, InetAddress address, TlsRequirement required, String failure) {
        if (!required.reported()) return;
        options.tlsSessions().accept(new TlsSession(message.domain().toLowerCase(Locale.ROOT), required.reportType(),
                required.policyStrings(), host.name(), address.getHostAddress(), failure));
    }

    /** A route or relay host: a name resolved by the system (or an IP literal). */
    private static MxResolver.MailHost fixedHost(HostPort hp) {
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(hp.host()));
        } catch (UnknownHostException e) {
            addresses = List.of();
        }
        return new MxResolver.MailHost(hp.host(), addresses, hp.port());
    }

    private List<RecipientOutcome> tryHosts(OutboundMessage message, List<MxResolver.MailHost> hosts, boolean auth,
                                            Function<MxResolver.MailHost, TlsRequirement> requirements) {
        String lastProblem = "no address for " + hosts.getFirst().name();
        String lastHost = null;
        for (MxResolver.MailHost host : hosts) {
            TlsRequirement required = requirements.apply(host);
            if (required == null) {
                lastProblem = "4.7.5 the DANE TLSA lookup for " + host.name() + " failed; not delivering without it (RFC 7672 §2.2)";
                log.info("queue {}: {}", message.queueId(), lastProblem);
                continue;
            }
            if (message.envelope().requireTls() && !required.mandatory()) {
                // RFC 8689 §4.2.1: only to a server authenticated by DANE or by an MTA-STS policy (our MX lookups are not DNSSEC-validated)
                lastProblem = "5.7.10 REQUIRETLS: neither DANE nor an MTA-STS policy in enforce mode authenticates " + host.name();
                log.info("queue {}: {}", message.queueId(), lastProblem);
                continue;
            }
            for (InetAddress address : host.addresses()) {
                String where = host.name() + "[" + address.getHostAddress() + "]:" + host.port();
                Attempt a = attempt(message, host, address, where, settings.startTls(), auth, required);
                if (a instanceof Attempt.RetryInClear r) {
                    log.warn("queue {}: TLS with {} failed ({}); retrying without TLS", message.queueId(), where, r.reason());
                    a = attempt(message, host, address, where, false, auth, required);
                }
                switch (a) {
                    case Attempt.Done d -> {
                        return d.outcomes();
                    }
                    case Attempt.TryNext n -> {
                        log.info("queue {}: {} unusable: {}", message.queueId(), where, n.reason());
                        lastProblem = n.reason();
                        lastHost = where;
                    }
                    case Attempt.RetryInClear r -> {
                        lastProblem = "TLS failed twice: " + r.reason();
                        lastHost = where;
                    }
                }
            }
        }
        String reason = lastProblem;
        String host = lastHost;
        if (reason.startsWith("5.7.10 ")) { // REQUIRETLS cannot be met: returned to the sender (RFC 8689 §4.2.1)
            return all(message, r -> new RecipientOutcome.Failed(r, host, "5.7.10", reason));
        }
        return all(message, r -> new RecipientOutcome.Deferred(r, host, reason.matches("^4\\.\\d+\\.\\d+ .*") ? reason : "4.4.1 " + reason));
    }

    /** How one connection went. */
    private sealed interface Attempt {
        record Done(List<RecipientOutcome> outcomes) implements Attempt { }

        /** Connection-level failure before any transaction: the next host may do better. */
        record TryNext(String reason) implements Attempt { }

        /** The STARTTLS handshake failed: a new connection without TLS. */
        record RetryInClear(String reason) implements Attempt { }
    }

    private Attempt attempt(OutboundMessage message, MxResolver.MailHost host, InetAddress address, String where,
                            boolean tls, boolean auth, TlsRequirement required) {
        SmtpClientConnection c;
        try {
            c = SmtpClientConnection.connect(new InetSocketAddress(address, host.port()), settings.connectTimeout(), timer);
        } catch (IOException e) {
            return new Attempt.TryNext("connect: " + text(e));
        }
        Transaction t = new Transaction(message, where);
        try (c) {
            SmtpReply greeting = c.read(settings.greetingTimeout());
            if (greeting.code() != 220) return new Attempt.TryNext("greeting: " + greeting.text());
            SmtpClientConnection.Greeting hello = c.hello(settings.heloName(), settings.commandTimeout());
            if (hello.capabilities() == null) return new Attempt.TryNext("EHLO/HELO: " + hello.reply().text());
            EhloCapabilities caps = hello.capabilities();
            if (required.mandatory() && !caps.has("STARTTLS")) {
                report(message, host, address, required, TlsFailures.STARTTLS_NOT_SUPPORTED);
                return new Attempt.TryNext("4.7.4 " + where + " offers no STARTTLS, which its " + policyName(required) + " requires");
            }
            if ((tls || required.mandatory()) && caps.has("STARTTLS")) {
                SmtpReply r = c.command("STARTTLS", settings.commandTimeout());
                if (r.code() == 220) {
                    ReportingTrustManager testing = null;
                    try {
                        switch (required) {
                            case TlsRequirement.Opportunistic o when o.testing() != null -> {
                                testing = new ReportingTrustManager(pkix.trustManager());
                                c.startTls(host.name(), PkixTrust.context(testing), true, settings.commandTimeout());
                            }
                            case TlsRequirement.Opportunistic o -> c.startTls(host.name(), settings.commandTimeout());
                            case TlsRequirement.Dane d -> c.startTls(host.name(),
                                    PkixTrust.context(new DaneTrustManager(d.usable(), host.name())), false, settings.commandTimeout());
                            case TlsRequirement.MtaSts m -> c.startTls(host.name(), pkix.context(), true, settings.commandTimeout());
                            case TlsRequirement.Verified v -> c.startTls(host.name(), pkix.context(), true, settings.commandTimeout());
                        }
                    } catch (IOException e) {
                        report(message, host, address, required, TlsFailures.resultType(e));
                        if (required.mandatory()) {
                            return new Attempt.TryNext("4.7.5 TLS with " + where + " failed, and its " + policyName(required)
                                    + " requires it: " + text(e));
                        }
                        return new Attempt.RetryInClear(text(e));
                    }
                    report(message, host, address, required, testing == null ? null : testing.failure());
                    hello = c.hello(settings.heloName(), settings.commandTimeout()); // RFC 3207 §4.2: forget what was said before
                    if (hello.capabilities() == null) return new Attempt.TryNext("EHLO after STARTTLS: " + hello.reply().text());
                    caps = hello.capabilities();
                } else if (required.mandatory()) {
                    report(message, host, address, required, TlsFailures.STARTTLS_NOT_SUPPORTED);
                    return new Attempt.TryNext("4.7.4 " + where + " refused STARTTLS (" + r.text() + "), which its "
                            + policyName(required) + " requires");
                } else {
                    report(message, host, address, required, TlsFailures.STARTTLS_NOT_SUPPORTED);
                    log.info("queue {}: {} refused STARTTLS ({}); continuing without TLS", message.queueId(), where, r.text());
                }
            } else if (tls && !caps.has("STARTTLS")) {
                report(message, host, address, required, TlsFailures.STARTTLS_NOT_SUPPORTED);
            }
            if (message.envelope().requireTls() && !caps.has("REQUIRETLS")) { // RFC 8689 §4.2.1: every hop must honour it
                return new Attempt.TryNext("5.7.10 " + where + " does not offer REQUIRETLS, which the message requires (RFC 8689)");
            }
            if (auth) {
                RecipientOutcome.Deferred problem = authenticate(c, caps, message, where);
                if (problem != null) return new Attempt.Done(all(message, r -> new RecipientOutcome.Deferred(r, where, problem.reply())));
            }
            List<RecipientOutcome> refused = precheck(message, caps, where);
            if (refused != null) {
                quit(c);
                return new Attempt.Done(refused);
            }
            t.run(c, caps);
            quit(c);
            return new Attempt.Done(t.outcomes());
        } catch (IOException e) {
            if (!t.started) return new Attempt.TryNext(text(e));
            return new Attempt.Done(t.outcomesAfterLoss(text(e)));
        }
    }

    private static String policyName(TlsRequirement r) {
        return switch (r) {
            case TlsRequirement.Dane d -> "DANE TLSA record (RFC 7672)";
            case TlsRequirement.MtaSts m -> "domain's MTA-STS policy (RFC 8461)";
            case TlsRequirement.Verified v -> "message's REQUIRETLS (RFC 8689)";
            case TlsRequirement.Opportunistic o -> "configuration";
        };
    }

    /** Refusals known from the EHLO reply alone. */
    private List<RecipientOutcome> precheck(OutboundMessage m, EhloCapabilities caps, String where) {
        Envelope env = m.envelope();
        if (env.smtputf8() && !caps.has("SMTPUTF8")) {
            return all(m, r -> new RecipientOutcome.Failed(r, where, "5.6.7",
                    "5.6.7 the receiving server does not support SMTPUTF8 (RFC 6531 §3.2)"));
        }
        long max = caps.maxSize();
        if (max > 0 && m.size() > max) {
            return all(m, r -> new RecipientOutcome.Failed(r, where, "5.3.4",
                    "5.3.4 message of " + m.size() + " octets exceeds the receiving server's fixed limit of " + max + " (RFC 1870)"));
        }
        if (env.body() == Envelope.BodyType.BINARY_MIME) {
            return all(m, r -> new RecipientOutcome.Failed(r, where, "5.6.3",
                    "5.6.3 binary content cannot be relayed: conversion required (RFC 3030)"));
        }
        return null;
    }

    /** RFC 4954: AUTH PLAIN (or LOGIN) to the relay host, only over TLS. Returns a Deferred template on failure, else null. */
    private RecipientOutcome.Deferred authenticate(SmtpClientConnection c, EhloCapabilities caps, OutboundMessage m, String where)
            throws IOException {
        QueueRecipient any = m.recipients().getFirst();
        if (!c.isTls()) {
            return new RecipientOutcome.Deferred(any, where, "4.7.0 relay host offers no TLS; the password is not sent in clear");
        }
        String user = settings.relayUser();
        String password;
        try {
            password = Files.readAllLines(settings.relayPasswordFile(), StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            return new RecipientOutcome.Deferred(any, where, "4.3.5 relay password file unreadable: " + settings.relayPasswordFile());
        }
        Base64.Encoder b64 = Base64.getEncoder();
        SmtpReply r;
        if (caps.authMechanisms().contains("PLAIN")) {
            String resp = b64.encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            r = c.command("AUTH PLAIN " + resp, settings.commandTimeout());
        } else if (caps.authMechanisms().contains("LOGIN")) {
            r = c.command("AUTH LOGIN", settings.commandTimeout());
            if (r.code() == 334) r = c.command(b64.encodeToString(user.getBytes(StandardCharsets.UTF_8)), settings.commandTimeout());
            if (r.code() == 334) r = c.command(b64.encodeToString(password.getBytes(StandardCharsets.UTF_8)), settings.commandTimeout());
        } else {
            return new RecipientOutcome.Deferred(any, where, "4.7.0 relay host offers neither AUTH PLAIN nor AUTH LOGIN");
        }
        if (r.code() == 235) return null;
        return new RecipientOutcome.Deferred(any, where, "4.7.0 authentication at the relay host failed: " + r.text());
    }

    /** One mail transaction and the outcome of each recipient. */
    private final class Transaction {
        private final OutboundMessage message;
        private final String where;
        private final Map<QueueRecipient, RecipientOutcome> decided = new LinkedHashMap<>();
        private final List<QueueRecipient> accepted = new ArrayList<>();
        boolean started;
        boolean contentSent;

        Transaction(OutboundMessage message, String where) {
            this.message = message;
            this.where = where;
        }

        void run(SmtpClientConnection c, EhloCapabilities caps) throws IOException {
            Envelope env = message.envelope();
            boolean dsn = caps.has("DSN");
            ClientCommands.Body body = env.body() == Envelope.BodyType.EIGHT_BIT_MIME && caps.has("8BITMIME")
                    ? ClientCommands.Body.EIGHT_BIT_MIME : null;
            String mail = ClientCommands.mailFrom(senders.mailFrom(message), caps.has("SIZE") ? message.size() : 0, body,
                    env.smtputf8(), dsn && env.ret() != null ? env.ret().name() : null, dsn ? env.envid() : null, env.requireTls());
            List<String> rcpts = new ArrayList<>();
            for (QueueRecipient r : message.recipients()) {
                List<String> notify = dsn ? r.notifyOn().stream().map(Enum::name).sorted().toList() : List.of();
                rcpts.add(ClientCommands.rcptTo(r.address(), notify, dsn ? r.orcpt() : null));
            }
            started = true;
            SmtpReply mailReply;
            SmtpReply dataReply = null;
            if (caps.has("PIPELINING")) { // RFC 2920 §3.1: MAIL, RCPTs and DATA in one group, DATA last
                c.write(mail);
                for (String r : rcpts) c.write(r);
                c.write("DATA");
                c.flush();
                mailReply = c.read(settings.commandTimeout());
                for (QueueRecipient r : message.recipients()) rcptResult(r, c.read(settings.commandTimeout()), mailReply);
                dataReply = c.read(settings.dataInitTimeout());
            } else {
                mailReply = c.command(mail, settings.commandTimeout());
                if (mailReply.code() != 250) {
                    for (QueueRecipient r : message.recipients()) decide(r, mailReply);
                    return;
                }
                for (int i = 0; i < rcpts.size(); i++) {
                    rcptResult(message.recipients().get(i), c.command(rcpts.get(i), settings.commandTimeout()), mailReply);
                }
                if (accepted.isEmpty()) return;
                dataReply = c.command("DATA", settings.dataInitTimeout());
            }
            if (dataReply.code() != 354) {
                for (QueueRecipient r : accepted) decide(r, dataReply);
                return;
            }
            if (accepted.isEmpty()) { // RFC 2920 §3.1: the peer took DATA although no RCPT succeeded; end it empty
                c.write(".");
                c.flush();
                c.read(settings.dataEndTimeout());
                return;
            }
            OutputStream data = c.beginData(settings.dataBlockTimeout());
            DataEncoder enc = new DataEncoder(data);
            try (InputStream content = message.content().open()) {
                content.transferTo(enc);
            }
            enc.finish();
            c.endData();
            contentSent = true;
            if (enc.foldedLines() > 0) {
                log.info("queue {}: {} line(s) longer than {} octets broken for {}", message.queueId(), enc.foldedLines(),
                        DataEncoder.MAX_LINE, where);
            }
            SmtpReply end = c.read(settings.dataEndTimeout());
            for (QueueRecipient r : accepted) decide(r, end);
        }

        private void rcptResult(QueueRecipient r, SmtpReply reply, SmtpReply mailReply) {
            if (mailReply.code() != 250) {
                decide(r, mailReply);
            } else if (reply.code() == 250 || reply.code() == 251) {
                accepted.add(r);
            } else {
                decide(r, reply);
            }
        }

        private void decide(QueueRecipient r, SmtpReply reply) {
            RecipientOutcome o;
            if (reply.code() >= 200 && reply.code() < 300) {
                o = new RecipientOutcome.Delivered(r, where, reply.text());
            } else if (reply.isPermanent()) {
                o = new RecipientOutcome.Failed(r, where, reply.status(), reply.text());
            } else {
                o = new RecipientOutcome.Deferred(r, where, reply.text());
            }
            decided.put(r, o);
        }

        List<RecipientOutcome> outcomes() {
            List<RecipientOutcome> out = new ArrayList<>();
            for (QueueRecipient r : message.recipients()) {
                RecipientOutcome o = decided.get(r);
                out.add(o != null ? o : new RecipientOutcome.Deferred(r, where, "4.4.2 no reply for this recipient"));
            }
            return out;
        }

        List<RecipientOutcome> outcomesAfterLoss(String why) {
            List<RecipientOutcome> out = new ArrayList<>();
            for (QueueRecipient r : message.recipients()) {
                RecipientOutcome o = decided.get(r);
                out.add(o != null ? o : new RecipientOutcome.Deferred(r, where,
                        "4.4.2 connection lost" + (contentSent ? " after the content was sent" : "") + ": " + why));
            }
            return out;
        }
    }

    private void quit(SmtpClientConnection c) {
        try {
            c.command("QUIT", settings.commandTimeout());
        } catch (IOException ignored) {
            // the transaction is done; a peer that hangs up early changes nothing
        }
    }

    private static List<RecipientOutcome> all(OutboundMessage m, java.util.function.Function<QueueRecipient, RecipientOutcome> f) {
        return m.recipients().stream().map(f).toList();
    }

    private static String text(IOException e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg != null ? ": " + msg.replaceAll("[\\r\\n]", " ") : "");
    }

    private static String describe(RecipientOutcome o) {
        return switch (o) {
            case RecipientOutcome.Delivered d -> "delivered via " + d.remoteHost() + ": " + d.reply();
            case RecipientOutcome.Deferred d -> "deferred" + (d.remoteHost() != null ? " at " + d.remoteHost() : "") + ": " + d.reply();
            case RecipientOutcome.Failed f -> "failed " + f.status() + (f.remoteHost() != null ? " at " + f.remoteHost() : "") + ": " + f.reply();
        };
    }
}
