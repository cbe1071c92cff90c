package dev.surel.protocol.bayes;

import dev.surel.protocol.mime.HeaderField;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeParser;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.protocol.mime.PartText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The {@link Tokenizer} tokens of a message given as its first octets (at most {@link #MAX_OCTETS}
 * are read by callers; a message cut there is parsed as far as it goes): the decoded Subject
 * (RFC 2047 words decoded) and the decoded text of its text/* parts (RFC 2045 transfer encodings
 * and charsets undone, HTML reduced to text), joined in order. Malformed MIME never throws.
 */
public final class MessageTokens {

    /** Octets of a message read for training and scoring: the cost per message is bounded whatever its size. */
    public static final int MAX_OCTETS = 256 * 1024;

    private MessageTokens() {
    }

    /** The tokens of a message's first octets {@code head} (no more than {@link #MAX_OCTETS} are looked at). */
    public static Set<String> of(byte[] head, MimeSettings mime) {
        int n = Math.min(head.length, MAX_OCTETS);
        try {
            MessageStructure s = new MimeParser(mime).parse(new ByteArrayInputStream(head, 0, n));
            String subject = s.header().first("Subject").map(HeaderField::decodedValue).orElse("");
            StringBuilder text = new StringBuilder();
            for (PartText.Extracted e : PartText.extractAll(new ByteArrayInputStream(head, 0, n), s, mime)) {
                if (text.length() >= Tokenizer.MAX_TEXT) break;
                text.append(e.text()).append('\n');
            }
            return Tokenizer.tokens(subject, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array", e); // cannot happen
        }
    }
}
