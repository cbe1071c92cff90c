package dev.surel.protocol.dkim;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DKIM verification of a message that streams by (RFC 6376 §6), so that no message is held
 * whole: the header section is collected (bounded by {@code maxHeaderBytes}, the server's header
 * limit), the DKIM-Signature fields in it are parsed when it ends, and from then on every body
 * octet goes to one incremental {@link BodyHasher} per distinct body canonicalization and
 * {@code l=} (two signatures with the same pair share one). {@link #finish} looks up the keys
 * and checks the signatures exactly as {@link DkimVerifier#verify(byte[], Instant)} does (which
 * is this class over a byte array).
 *
 * <p>A header section above the limit is not collected further: every signature is then
 * neutral ("header section too large", §6.1.1: not able to be processed). Use from one thread.
 */
public final class DkimStream {
    private final DkimVerifier verifier;
    private final int maxHeaderBytes;
    private final ByteArrayOutputStream header = new ByteArrayOutputStream(4096);
    /** Progress through CRLF CRLF; starts as after a CRLF, so a message that starts with CRLF has no header. */
    private int match = 2;
    private boolean inBody;
    private boolean tooLarge;
    private List<HeaderField> headers = List.of();
    private final List<Entry> entries = new ArrayList<>();
    private final List<BodyHasher> hashers = new ArrayList<>();
    private boolean finished;
    private ArcChain.Outcome arcChain = new ArcChain.Absent();
    private BodyHasher arcBody;
    private ArcResult arc;

    private record Entry(HeaderField field, DkimSignature sig, String error, BodyHasher body) { }

    DkimStream(DkimVerifier verifier, int maxHeaderBytes) {
        this.verifier = verifier;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** The next octets of the message (CRLF line endings, as it will be stored). */
    public void write(byte[] b, int off, int len) {
        if (finished) {
            throw new IllegalStateException("stream finished");
        }
        if (!inBody) {
            int i = off;
            int end = off + len;
            for (; i < end && !inBody; i++) {
                byte c = b[i];
                match = c == "\r\n\r\n".charAt(match) ? match + 1 : (c == '\r' ? 1 : 0);
                if (match == 4) {
                    inBody = true;
                }
            }
            collect(b, off, i - off);
            if (inBody) {
                headerEnd();
            }
            off = i;
            len = end - i;
        }
        if (len > 0) {
            for (BodyHasher h : hashers) {
                h.write(b, off, len);
            }
        }
    }

    private void collect(byte[] b, int off, int len) {
        if (tooLarge) {
            return;
        }
        if ((long) header.size() + len > maxHeaderBytes) {
            tooLarge = true;
            header.reset();
            return;
        }
        header.write(b, off, len);
    }

    private void headerEnd() {
        if (tooLarge) {
            return;
        }
        headers = HeaderField.split(header.toByteArray()).headers();
        header.reset();
        Map<String, BodyHasher> shared = new HashMap<>();
        for (HeaderField f : headers) {
            if (!f.name().equalsIgnoreCase("DKIM-Signature")) {
                continue;
            }
            if (entries.size() == verifier.limit()) {
                break;
            }
            try {
                DkimSignature sig = DkimSignature.parse(f.value());
                long l = sig.bodyLength().isPresent() ? sig.bodyLength().getAsLong() : -1;
                BodyHasher h = shared.computeIfAbsent(sig.bodyCanon() + "/" + l, k -> {
                    BodyHasher n = new BodyHasher(sig.bodyCanon(), l);
                    hashers.add(n);
                    return n;
                });
                entries.add(new Entry(f, sig, null, h));
            } catch (DkimException e) {
                entries.add(new Entry(f, null, e.getMessage(), null));
            }
        }
        arcChain = ArcChain.of(headers, verifier.limit());
        if (arcChain instanceof ArcChain.Chain chain) {
            try {
                DkimSignature ams = DkimSignature.parseArcMessageSignature(chain.latest().messageSignature().value());
                long l = ams.bodyLength().isPresent() ? ams.bodyLength().getAsLong() : -1;
                arcBody = shared.computeIfAbsent(ams.bodyCanon() + "/" + l, k -> {
                    BodyHasher n = new BodyHasher(ams.bodyCanon(), l);
                    hashers.add(n);
                    return n;
                });
            } catch (DkimException e) {
                arcChain = new ArcChain.Broken("ARC-Message-Signature i=" + chain.latest().instance() + ": " + e.getMessage());
            }
        }
    }

    /** The header fields, once the header section has ended (empty before, and when it was too large). */
    public List<HeaderField> headers() {
        return headers;
    }

    /** Whether the header section was larger than the limit (and so not looked at). */
    public boolean headerTooLarge() {
        return tooLarge;
    }

    /**
     * Ends the message, looks up the keys and checks every signature (at most the verifier's
     * limit), top first. A message without signatures gives an empty list.
     */
    public List<DkimResult> finish(Instant now) {
        if (finished) {
            throw new IllegalStateException("stream finished");
        }
        finished = true;
        if (!inBody) { // no empty line: all header, empty body
            inBody = true;
            headerEnd();
        }
        if (tooLarge) {
            arc = ArcResult.none("header section too large to verify");
            return List.of(new DkimResult(DkimResult.Verdict.NEUTRAL, "header section too large to verify", "", "", "", "",
                    false, false, ""));
        }
        for (BodyHasher h : hashers) {
            h.finish();
        }
        Map<BodyHasher, byte[]> hashes = new HashMap<>();
        arc = switch (arcChain) {
            case ArcChain.Absent a -> ArcResult.none("no ARC sets");
            case ArcChain.Broken b -> ArcResult.fail(b.reason());
            case ArcChain.Chain c -> ArcValidator.validate(verifier, headers, c, hashes.computeIfAbsent(arcBody, BodyHasher::hash),
                    arcBody.length(), now);
        };
        List<DkimResult> results = new ArrayList<>();
        for (Entry e : entries) {
            if (e.sig == null) {
                results.add(new DkimResult(DkimResult.Verdict.NEUTRAL, e.error, "", "", "", "", false, false, ""));
                continue;
            }
            byte[] hash = hashes.computeIfAbsent(e.body, BodyHasher::hash);
            results.add(verifier.check(headers, e.field, e.sig, hash, e.body.length(), now));
        }
        return results;
    }

    /** The ARC validation of the message (RFC 8617 §5.2), once {@link #finish} has run. */
    public ArcResult arc() {
        if (arc == null) {
            throw new IllegalStateException("not finished");
        }
        return arc;
    }

    /** The From field values, for DMARC (RFC 7489 §6.6.1); empty before the header ended. */
    public List<String> fromValues() {
        return headers.stream().filter(f -> f.name().equalsIgnoreCase("From")).map(HeaderField::value).toList();
    }
}
