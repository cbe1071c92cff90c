package dev.surel.imap;

import dev.surel.protocol.imap.BodySection;
import dev.surel.protocol.imap.ImapValue;
import dev.surel.protocol.mime.ByteRange;
import dev.surel.protocol.mime.ContentFields;
import dev.surel.protocol.mime.Envelope;
import dev.surel.protocol.mime.HeaderFields;
import dev.surel.protocol.mime.ImapAddress;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeParameter;
import dev.surel.protocol.mime.MimePart;
import dev.surel.protocol.mime.Parameters;
import dev.surel.protocol.mime.SectionText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The seam between FETCH and message content (RFC 9051 §7.5.2): ENVELOPE and
 * BODY/BODYSTRUCTURE as {@link ImapValue}s, and which bytes a {@link BodySection} stands for.
 * A compact stand-in until imap-content's renderers are merged: only this class changes then.
 */
final class FetchContent {
    private FetchContent() { }

    /** The bytes of a section: a range of the stored message, or bytes made up (HEADER.FIELDS). */
    sealed interface SectionBytes {
        record Range(ByteRange range) implements SectionBytes { }

        record Made(byte[] bytes) implements SectionBytes { }
    }

    /**
     * What a section refers to (RFC 9051 §6.4.5), before the partial is applied; a part that
     * does not exist is empty. {@code header} supplies the header bytes of a range (for
     * HEADER.FIELDS).
     */
    static SectionBytes section(MessageStructure st, BodySection s, java.util.function.Function<ByteRange, byte[]> header) {
        int[] path = s.path().stream().mapToInt(Integer::intValue).toArray();
        SectionText what = switch (s.kind()) {
            case CONTENT -> SectionText.CONTENT;
            case MIME -> SectionText.MIME;
            case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT -> SectionText.HEADER;
            case TEXT -> SectionText.TEXT;
        };
        var range = st.range(what, path);
        if (range.isEmpty()) return new SectionBytes.Made(new byte[0]);
        if (s.kind() == BodySection.Kind.HEADER_FIELDS || s.kind() == BodySection.Kind.HEADER_FIELDS_NOT) {
            byte[] h = header.apply(range.get());
            return new SectionBytes.Made(HeaderFields.parse(h).select(s.fieldNames(), s.kind() == BodySection.Kind.HEADER_FIELDS_NOT));
        }
        return new SectionBytes.Range(range.get());
    }

    static ImapValue envelope(Envelope e) {
        return list(nstr(e.date()), nstr(e.subject()), addresses(e.from()), addresses(e.sender()), addresses(e.replyTo()),
                addresses(e.to()), addresses(e.cc()), addresses(e.bcc()), nstr(e.inReplyTo()), nstr(e.messageId()));
    }

    private static ImapValue addresses(List<ImapAddress> list) {
        if (list.isEmpty()) return ImapValue.NIL;
        List<ImapValue> out = new ArrayList<>();
        for (ImapAddress a : list) out.add(list(nstr(a.encodedName()), nstr(a.adl()), nstr(a.mailbox()), nstr(a.host())));
        return new ImapValue.ListOf(out);
    }

    /** BODY ({@code extensible} false) or BODYSTRUCTURE (RFC 9051 §7.5.2). */
    static ImapValue structure(MessageStructure st, boolean extensible) {
        return part(st.root(), extensible);
    }

    private static ImapValue part(MimePart p, boolean ext) {
        ContentFields c = p.content();
        List<ImapValue> v = new ArrayList<>();
        if (p instanceof MimePart.Multipart m) {
            for (MimePart child : m.children()) v.add(part(child, ext));
            v.add(str(c.subtype()));
            if (ext) {
                v.add(params(c.parameters()));
                v.add(disposition(c));
                v.add(language(c));
                v.add(nstr(c.location()));
            }
            return new ImapValue.ListOf(v);
        }
        v.add(str(c.type()));
        v.add(str(c.subtype()));
        v.add(params(c.parameters()));
        v.add(nstr(c.id()));
        v.add(nstr(c.description()));
        v.add(str(c.encoding()));
        v.add(new ImapValue.Num(p.bodySize()));
        switch (p) {
            case MimePart.Message m -> {
                v.add(envelope(m.envelope()));
                v.add(part(m.message(), ext));
                v.add(new ImapValue.Num(m.lines()));
            }
            case MimePart.Single s when c.isText() -> v.add(new ImapValue.Num(s.lines()));
            default -> { }
        }
        if (ext) {
            v.add(nstr(c.md5()));
            v.add(disposition(c));
            v.add(language(c));
            v.add(nstr(c.location()));
        }
        return new ImapValue.ListOf(v);
    }

    private static ImapValue params(Parameters p) {
        if (p == null || p.list().isEmpty()) return ImapValue.NIL;
        List<ImapValue> out = new ArrayList<>();
        for (MimeParameter m : p.list()) {
            out.add(str(m.name()));
            out.add(str(m.value()));
        }
        return new ImapValue.ListOf(out);
    }

    private static ImapValue disposition(ContentFields c) {
        if (c.disposition() == null) return ImapValue.NIL;
        return list(str(c.disposition()), params(c.dispositionParameters()));
    }

    private static ImapValue language(ContentFields c) {
        if (c.language().isEmpty()) return ImapValue.NIL;
        return new ImapValue.ListOf(c.language().stream().map(FetchContent::str).toList());
    }

    private static ImapValue list(ImapValue... items) {
        return new ImapValue.ListOf(List.of(items));
    }

    private static ImapValue str(String s) {
        return s == null ? ImapValue.NIL : new ImapValue.Str(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ImapValue nstr(String s) {
        return str(s);
    }
}
