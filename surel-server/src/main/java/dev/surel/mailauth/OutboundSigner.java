package dev.surel.mailauth;

import dev.surel.protocol.authres.ResultsReader;
import dev.surel.protocol.dkim.ArcResult;
import dev.surel.protocol.dkim.ArcSealer;
import dev.surel.protocol.dkim.AuthorDomain;
import dev.surel.protocol.dkim.Canonicalization;
import dev.surel.protocol.dkim.DkimAlgorithm;
import dev.surel.protocol.dkim.HeaderField;
import dev.surel.protocol.dkim.MessageHasher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * DKIM signing of outgoing mail (RFC 6376 §5; RFC 8463): the DKIM-Signature fields for a message,
 * one per active key of its author's domain ({@link AuthorDomain}, so DMARC aligns), relaxed/relaxed,
 * the header fields of {@link dev.surel.protocol.dkim.DkimSigner#DEFAULT_HEADERS} with From
 * oversigned; and ARC sealing of forwarded mail (RFC 8617, {@link #seal}). Which messages are
 * signed is the caller's decision (the outbound transport signs submitted and server-generated
 * mail and seals relayed mail); this class only knows the keys.
 */
public final class OutboundSigner {

    /** The body canonicalizations a message must be hashed with for {@link #sign}. */
    public static final Set<Canonicalization> BODY_CANONS = Set.of(Canonicalization.RELAXED);
    /** The most header octets hashed for signing; a larger header section goes out unsigned. */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    private final DkimKeys keys;
    private final Clock clock;

    public OutboundSigner(DkimKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** A message hasher for {@link #sign}. */
    public static MessageHasher hasher() {
        return new MessageHasher(MAX_HEADER_BYTES, BODY_CANONS);
    }

    /**
     * The DKIM-Signature fields (each ending in CRLF) to put before the message, in the order to
     * send them; empty when its author's domain has no active key (or it has no single author).
     */
    public List<String> sign(MessageHasher.Result message) {
        String domain = AuthorDomain.of(message.headers()).orElse(null);
        if (domain == null) return List.of();
        List<String> fields = new ArrayList<>();
        for (DkimKey k : keys.signingKeys(domain)) {
            fields.add(k.signer().sign(message, clock.instant()));
        }
        return fields;
    }

    /**
     * The ARC set (RFC 8617 §5.1: ARC-Seal, ARC-Message-Signature, ARC-Authentication-Results,
     * each ending in CRLF) for a message this server passes on to another domain, an alias's
     * external target: sealed by {@code forwardingDomain} with its first active RSA key (RFC 8617
     * defines rsa-sha256 only), carrying this server's own Authentication-Results of the message.
     * Empty when the domain has no RSA key, when the message was not checked on arrival, or when
     * its chain failed here ({@link ArcSealer}).
     *
     * @param checked the header fields the checks of incoming mail stored with the message: our
     *                {@code Authentication-Results:} field and the spam filter's fields ("" when not checked)
     */
    public Optional<String> seal(MessageHasher.Result message, String forwardingDomain, String checked) {
        // the stored prefix holds our Authentication-Results and, after it, the spam filter's X-Spam-* fields
        Optional<HeaderField> ours = HeaderField.split((checked + "\r\n").getBytes(StandardCharsets.ISO_8859_1)).headers().stream()
                .filter(f -> f.name().equalsIgnoreCase("Authentication-Results")).findFirst();
        if (ours.isEmpty()) return Optional.empty();
        String payload = ours.get().value().strip();
        ArcResult.Verdict validated = null;
        for (ResultsReader.Result r : ResultsReader.read(payload)) {
            if (r.method().equals("arc")) {
                validated = switch (r.result()) {
                    case "pass" -> ArcResult.Verdict.PASS;
                    case "none" -> ArcResult.Verdict.NONE;
                    default -> ArcResult.Verdict.FAIL;
                };
            }
        }
        if (validated == null) return Optional.empty();
        for (DkimKey k : keys.signingKeys(forwardingDomain)) {
            if (k.algorithm() == DkimAlgorithm.RSA_SHA256) {
                return new ArcSealer(k.privateKey(), k.domain(), k.selector()).seal(message, validated, payload, clock.instant());
            }
        }
        return Optional.empty();
    }

    /** The author's domain of a hashed message, for logs. */
    public static String authorDomain(MessageHasher.Result message) {
        return AuthorDomain.of(message.headers()).orElse("(none)");
    }
}
