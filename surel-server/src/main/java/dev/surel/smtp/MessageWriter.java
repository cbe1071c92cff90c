package dev.surel.smtp;

import dev.surel.filter.FilterRun;
import dev.surel.mailauth.MessageCheck;
import dev.surel.protocol.authres.OwnResultsFilter;
import dev.surel.protocol.filter.SpamFieldFilter;
import dev.surel.protocol.smtp.ByteSink;
import dev.surel.protocol.smtp.HeaderScanner;
import dev.surel.protocol.smtp.SmtpReply;
import dev.surel.store.SpooledMessage;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Writes one message as it arrives into the spool: first the session's {@code Received:}
 * field (RFC 5321 §4.4), then the peer's content, with the checks that need the whole stream.
 *
 * <p>Invariants:
 * <ul>
 *   <li>The content is never held whole: octets go on to the {@link SpoolPipe} as they come.</li>
 *   <li>Once a refusal is known (too big: 552 5.3.4; a line above {@code max_text_line}: 550 5.6.0;
 *       too many {@code Received:}: 554 5.4.6, RFC 5321 §6.3; a bare CR or LF: 550 5.6.0, set by
 *       the caller) nothing more is spooled, but the caller keeps reading to the real end of
 *       the data before answering.</li>
 *   <li>At the end of the header section (or of the message, when it has none) the fields
 *       from {@code atHeaderEnd} are inserted: on submission a missing {@code Date:} and
 *       {@code Message-ID:} (RFC 6409 §8.1, §8.3).</li>
 *   <li>On port 25, {@code Authentication-Results} fields claiming our host name as authserv-id
 *       are removed as the header streams by (RFC 8601 §5, {@link OwnResultsFilter}), and the
 *       peer's octets, unchanged, also go to the message's {@link MessageCheck} (DKIM hashes them
 *       as they pass; the header section is kept only up to the header limit). The check's
 *       {@code Authentication-Results} field is not written here: its content is known only at
 *       the end, so it travels with the queue record and is prepended at delivery (see
 *       {@link Acceptance#finish}).</li>
 *   <li>When port 25 mail is filtered ({@code [filter]}), incoming {@code X-Spam-*} fields are removed
 *       as the header streams by ({@link SpamFieldFilter}: ours are the only ones a reader sees), and
 *       the peer's octets also go to the message's {@link FilterRun} (header rules, GTUBE). Its
 *       {@code X-Spam-*} fields travel with the queue record like the Authentication-Results field.</li>
 * </ul>
 */
final class MessageWriter {
    private final String queueId;
    private final SpoolPipe pipe;
    private final SmtpSettings settings;
    private final HeaderScanner headers = new HeaderScanner();
    private final Function<HeaderScanner, String> atHeaderEnd;
    private final MessageCheck check;
    private final OwnResultsFilter filter;
    private final FilterRun filterRun;
    private final SpamFieldFilter spamFields;
    /** Where spooled content goes: the pipe, or the filter in front of it. */
    private final ByteSink sink;
    private long contentOctets;
    private long lineLength;
    private SmtpReply refusal;
    private boolean headerEndHandled;
    private byte last = '\n';

    MessageWriter(String queueId, SpoolPipe pipe, SmtpSettings settings, String received, Function<HeaderScanner, String> atHeaderEnd) {
        this(queueId, pipe, settings, received, atHeaderEnd, null, null, 0, null);
    }

    /**
     * @param check        the checks of the content (port 25), or null
     * @param ourAuthservId remove incoming Authentication-Results fields with this authserv-id, or null
     * @param maxField     longest header field held while deciding whether to remove it
     * @param filterRun    the spam and malware filtering of the message (port 25), or null; also removes incoming X-Spam-* fields
     */
    MessageWriter(String queueId, SpoolPipe pipe, SmtpSettings settings, String received, Function<HeaderScanner, String> atHeaderEnd,
                  MessageCheck check, String ourAuthservId, int maxField, FilterRun filterRun) {
        this.queueId = queueId;
        this.pipe = pipe;
        this.settings = settings;
        this.atHeaderEnd = atHeaderEnd;
        this.check = check;
        this.filter = ourAuthservId == null ? null : new OwnResultsFilter(ourAuthservId, pipe::write, maxField);
        ByteSink afterSpamFields = filter == null ? pipe::write : filter::write;
        this.filterRun = filterRun;
        this.spamFields = filterRun == null ? null : new SpamFieldFilter(afterSpamFields);
        this.sink = spamFields == null ? afterSpamFields : spamFields::write;
        byte[] r = received.getBytes(StandardCharsets.UTF_8);
        pipe.write(r, 0, r.length);
    }

    /** The queue id the message will have (named in its Received: field). */
    String queueId() {
        return queueId;
    }

    /**
     * Content octets as they arrive (unstuffed DATA, or BDAT chunks). Never throws: a fault
     * while spooling becomes a 451 4.3.0 refusal, so the caller still reads to the end of the
     * data and nothing of it is ever taken for a command.
     */
    void write(byte[] b, int off, int len) {
        try {
            accept(b, off, len);
        } catch (RuntimeException e) {
            refuse(Replies.LOCAL_ERROR);
            pipe.abort();
        }
    }

    private void accept(byte[] b, int off, int len) {
        contentOctets += len;
        if (len > 0) last = b[off + len - 1];
        if (refusal != null) return;
        if (contentOctets > settings.maxMessageSize()) {
            refuse(Replies.TOO_BIG);
            return;
        }
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] == '\n') {
                lineLength = 0;
            } else if (b[i] != '\r' && ++lineLength > settings.maxTextLine()) { // octets without CRLF
                refuse(SmtpReply.of(550, "5.6.0", "Message refused: a line is longer than " + settings.maxTextLine() + " octets"));
                return;
            }
        }
        if (check != null) check.write(b, off, len);
        if (filterRun != null) filterRun.write(b, off, len);
        if (!headerEndHandled) {
            int end = headers.feed(b, off, len);
            if (end >= 0) {
                sink.write(b, off, end - off);
                headerEnd();
                if (refusal == null) sink.write(b, end, off + len - end);
                return;
            }
        }
        sink.write(b, off, len);
    }

    private void headerEnd() {
        headerEndHandled = true;
        if (headers.receivedCount() > settings.maxReceived()) {
            refuse(SmtpReply.of(554, "5.4.6", "Too many Received: header fields, mail loop"));
            return;
        }
        String extra = atHeaderEnd.apply(headers);
        if (!extra.isEmpty()) {
            if (last != '\n' && !headers.done()) extra = "\r\n" + extra;
            byte[] x = extra.getBytes(StandardCharsets.UTF_8);
            sink.write(x, 0, x.length);
        }
    }

    /** Refuses the message (the first reason wins); nothing more is spooled. */
    void refuse(SmtpReply reply) {
        if (refusal == null) refusal = reply;
    }

    /** Refuses the message for a reason that outranks any other (a bare CR or LF: smuggling). */
    void refuseOverriding(SmtpReply reply) {
        refusal = reply;
    }

    /** The refusal, or null while the message is acceptable. */
    SmtpReply refusal() {
        return refusal;
    }

    long contentOctets() {
        return contentOctets;
    }

    /** The checks of this message's content (port 25), or null. */
    MessageCheck check() {
        return check;
    }

    /** The spam and malware filtering of this message (port 25), or null. */
    FilterRun filterRun() {
        return filterRun;
    }

    /** Incoming X-Spam-* fields removed. */
    int removedSpamFields() {
        return spamFields == null ? 0 : spamFields.removed();
    }

    /** Incoming Authentication-Results fields removed (claiming our authserv-id). */
    int removedResults() {
        return filter == null ? 0 : filter.removed();
    }

    /**
     * Ends the message. Returns the spooled blob, or null when the message was refused (then
     * {@link #refusal()} says why and the spool is dropped).
     */
    SpooledMessage finish() {
        if (refusal == null && !headerEndHandled) headerEnd();
        if (refusal != null) {
            pipe.abort();
            return null;
        }
        if (spamFields != null) spamFields.finish();
        if (filter != null) filter.finish();
        return pipe.finish();
    }

    /** Drops the message (RSET, connection lost). */
    void abort() {
        pipe.abort();
    }
}
