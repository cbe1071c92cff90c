package dev.surel.protocol.imap.search;

import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.protocol.mime.PartText;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Helper for {@link SearchableMessage#bodyTexts()} implementations. */
public final class MessageTexts {

    private MessageTexts() {
    }

    /**
     * The body texts SEARCH BODY looks at, read from the whole stored message in one pass: every
     * text/* part decoded from its Content-Transfer-Encoding and charset (HTML reduced to text) and
     * the decoded header of every encapsulated message/rfc822 ({@link PartText#extractAll}).
     */
    public static List<String> bodyTexts(InputStream message, MessageStructure structure, MimeSettings settings)
            throws IOException {
        return PartText.extractAll(message, structure, settings).stream().map(PartText.Extracted::text).toList();
    }
}
