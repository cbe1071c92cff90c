package dev.surel.imap;

import dev.surel.protocol.imap.BodySection;
import dev.surel.protocol.imap.ImapValue;
import dev.surel.protocol.imap.fetch.BodyStructureValue;
import dev.surel.protocol.imap.fetch.EnvelopeValue;
import dev.surel.protocol.imap.fetch.HeaderTextMode;
import dev.surel.protocol.imap.fetch.SectionSlice;
import dev.surel.protocol.imap.fetch.SectionSlicer;
import dev.surel.protocol.mime.MessageStructure;
import java.io.IOException;

/**
 * The seam between FETCH and message content (RFC 9051 §6.4.5, §7.5.2): ENVELOPE and
 * BODY/BODYSTRUCTURE as {@link ImapValue}s and the bytes a {@link BodySection} stands for, all
 * from {@code dev.surel.protocol.imap.fetch}. Header text goes out as RFC 2047 encoded words,
 * valid for IMAP4rev1 and IMAP4rev2 alike.
 */
final class FetchContent {
    private FetchContent() { }

    private static final HeaderTextMode MODE = HeaderTextMode.ENCODED_WORDS;

    static ImapValue envelope(MessageStructure st) {
        return EnvelopeValue.of(st.envelope(), MODE);
    }

    /** ENVELOPE with 8-bit header text as UTF-8 once the client enabled UTF8=ACCEPT (RFC 6855 §3). */
    static ImapValue envelope(MessageStructure st, boolean utf8) {
        return EnvelopeValue.of(st.envelope(), utf8 ? HeaderTextMode.UTF8 : MODE);
    }

    /** BODY ({@code extensible} false) or BODYSTRUCTURE. */
    static ImapValue structure(MessageStructure st, boolean extensible) {
        return BodyStructureValue.of(st.root(), extensible, MODE);
    }

    /** The slice of the stored message a section (with its partial) sends. */
    static SectionSlice section(MessageStructure st, BodySection s, SectionSlicer.HeaderReader reader) throws IOException {
        return SectionSlicer.slice(st, s, reader);
    }
}
