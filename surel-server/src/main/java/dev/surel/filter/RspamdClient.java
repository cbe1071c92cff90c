package dev.surel.filter;

import dev.surel.protocol.filter.RspamdReply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Asks rspamd about a message over its HTTP protocol: {@code POST /checkv2} with the envelope
 * in request headers ({@code IP}, {@code Helo}, {@code From}, one {@code Rcpt} per recipient,
 * {@code Queue-Id}) and the message as the body, streamed from the spool with its
 * {@code Content-Length}; the answer is JSON ({@link RspamdReply}) of at most
 * {@value #MAX_ANSWER} octets. Time limits: the connect, and the whole exchange (the request's
 * timeout up to the response header, a {@link Deadline} on reading the body). A failure of any
 * kind (down, too slow, not HTTP 200, too long, not the JSON expected) is {@link Outcome.Failed}.
 */
final class RspamdClient {
    static final int MAX_ANSWER = 1 << 20;

    private final URI checkv2;
    private final Duration timeout;
    private final HttpClient http;

    RspamdClient(URI base, Duration connectTimeout, Duration timeout) {
        this.checkv2 = base.resolve("/checkv2");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What rspamd said, or why it said nothing. */
    sealed interface Outcome {
        record Answer(RspamdReply reply) implements Outcome { }

        record Failed(String reason) implements Outcome { }
    }

    /** The transaction a message came in, as rspamd's request headers give it. */
    record Envelope(String ip, String helo, String mailFrom, List<String> recipients, String queueId) { }

    Outcome check(Supplier<InputStream> message, long size, Envelope env) {
        HttpRequest.Builder b = HttpRequest.newBuilder(checkv2).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(message), size));
        header(b, "IP", env.ip());
        header(b, "Helo", env.helo());
        header(b, "From", env.mailFrom());
        header(b, "Queue-Id", env.queueId());
        for (String r : env.recipients()) header(b, "Rcpt", r);
        try {
            long start = System.nanoTime();
            HttpResponse<InputStream> rsp = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            String body;
            // the request timeout ends at the response's header: the body gets what is left of it
            Duration left = timeout.minusNanos(System.nanoTime() - start);
            try (InputStream in = rsp.body(); Deadline d = new Deadline(in, left.isNegative() ? Duration.ZERO : left)) {
                byte[] answer;
                try {
                    answer = in.readNBytes(MAX_ANSWER + 1);
                } catch (IOException e) {
                    if (d.expired()) return new Outcome.Failed("rspamd at " + checkv2 + ": answer not complete within " + timeout.toMillis() + " ms");
                    throw e;
                }
                if (answer.length > MAX_ANSWER) return new Outcome.Failed("rspamd at " + checkv2 + ": answer longer than " + MAX_ANSWER + " octets");
                body = new String(answer, StandardCharsets.UTF_8);
            }
            if (rsp.statusCode() != 200) return new Outcome.Failed("rspamd at " + checkv2 + ": HTTP " + rsp.statusCode());
            return new Outcome.Answer(RspamdReply.parse(body));
        } catch (HttpTimeoutException e) {
            return new Outcome.Failed("rspamd at " + checkv2 + ": no answer in time (" + e.getMessage() + ")");
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return new Outcome.Failed("rspamd at " + checkv2 + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed("rspamd: interrupted");
        }
    }

    /** Stops the HTTP client (its selector thread), abandoning any request under way. */
    void close() {
        http.shutdownNow();
    }

    /** A request header from peer-given text: printable ASCII only, bounded; absent when empty. */
    private static void header(HttpRequest.Builder b, String name, String value) {
        if (value == null || value.isEmpty()) return;
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < value.length() && s.length() < 512; i++) {
            char c = value.charAt(i);
            s.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        b.header(name, s.toString());
    }
}
