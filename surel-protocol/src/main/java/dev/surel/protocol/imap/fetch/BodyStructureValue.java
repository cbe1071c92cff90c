package dev.surel.protocol.imap.fetch;

import dev.surel.protocol.imap.ImapValue;
import dev.surel.protocol.mime.ContentFields;
import dev.surel.protocol.mime.MimeParameter;
import dev.surel.protocol.mime.MimePart;
import dev.surel.protocol.mime.Parameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The FETCH BODY and BODYSTRUCTURE values (RFC 9051 §7.5.2, RFC 3501 §7.4.2; grammar RFC 9051 §9
 * {@code body}).
 *
 * <ul>
 *   <li>Non-multipart: {@code (type subtype (params) id description encoding octets)}; text/*
 *       adds the body's line count; message/rfc822 and message/global add the encapsulated
 *       message's ENVELOPE, its body structure and the line count ({@code body-type-msg}).</li>
 *   <li>Multipart: the parts one after another, then the subtype ({@code body-type-mpart}).</li>
 *   <li>BODYSTRUCTURE ({@code extended}) adds extension data: for a non-multipart
 *       {@code md5 disposition language location} ({@code body-ext-1part}); for a multipart
 *       {@code params disposition language location} ({@code body-ext-mpart}). BODY has none, also
 *       for nested parts.</li>
 * </ul>
 * Types and subtypes are sent lower-cased as the MIME parser stores them (they compare
 * case-insensitively, RFC 2045 §5.1); a parameter list with no parameters is NIL; a disposition is
 * {@code ("attachment" (params))} or NIL; languages are NIL or a list of strings, also for one
 * language, as Dovecot sends them ({@code body-fld-lang}); line counts follow the MIME package's convention (line
 * breaks, plus one for a non-empty last line without one).
 */
public final class BodyStructureValue {

    private BodyStructureValue() {
    }

    /** BODYSTRUCTURE ({@code extended}) or BODY of a message whose root entity is {@code root}. */
    public static ImapValue of(MimePart root, boolean extended, HeaderTextMode mode) {
        return new Builder(extended, mode).part(root);
    }

    private record Builder(boolean extended, HeaderTextMode mode) {

        ImapValue part(MimePart p) {
            return switch (p) {
                case MimePart.Multipart m -> multipart(m);
                case MimePart.Single s -> single(s.content(), s.bodySize(),
                        s.content().isText() ? List.of(new ImapValue.Num(s.lines())) : List.of());
                case MimePart.Message m -> single(m.content(), m.bodySize(), List.of(
                        EnvelopeValue.of(m.envelope(), mode),
                        part(m.message()),
                        new ImapValue.Num(m.lines())));
            };
        }

        private ImapValue multipart(MimePart.Multipart m) {
            List<ImapValue> items = new ArrayList<>();
            for (MimePart c : m.children()) {
                items.add(part(c));
            }
            items.add(ImapStrings.string(m.subtype()));
            if (extended) {
                ContentFields f = m.content();
                items.add(params(f.parameters()));
                items.add(disposition(f));
                items.add(language(f.language()));
                items.add(ImapStrings.nstring(f.location()));
            }
            return new ImapValue.ListOf(items);
        }

        private ImapValue single(ContentFields f, long octets, List<ImapValue> typeSpecific) {
            List<ImapValue> items = new ArrayList<>();
            items.add(ImapStrings.string(f.type()));
            items.add(ImapStrings.string(f.subtype()));
            items.add(params(f.parameters()));
            items.add(ImapStrings.nstring(f.id()));
            items.add(ImapStrings.headerText(f.description(), mode));
            items.add(ImapStrings.string(f.encoding()));
            items.add(new ImapValue.Num(octets));
            items.addAll(typeSpecific);
            if (extended) {
                items.add(ImapStrings.nstring(f.md5()));
                items.add(disposition(f));
                items.add(language(f.language()));
                items.add(ImapStrings.nstring(f.location()));
            }
            return new ImapValue.ListOf(items);
        }

        /** {@code body-fld-param}: NIL when there are none; names and values as written. */
        private ImapValue params(Parameters ps) {
            if (ps.list().isEmpty()) {
                return ImapValue.NIL;
            }
            List<ImapValue> items = new ArrayList<>();
            for (MimeParameter p : ps.list()) {
                items.add(ImapStrings.string(p.name()));
                items.add(mode == HeaderTextMode.ENCODED_WORDS && !ImapStrings.isAscii(p.value())
                        ? ImapStrings.string(ImapStrings.encodeWords(p.value()))
                        : ImapStrings.string(p.value()));
            }
            return new ImapValue.ListOf(items);
        }

        private ImapValue disposition(ContentFields f) {
            if (f.disposition() == null) {
                return ImapValue.NIL;
            }
            return new ImapValue.ListOf(List.of(ImapStrings.string(f.disposition()), params(f.dispositionParameters())));
        }

        private static ImapValue language(List<String> langs) {
            if (langs.isEmpty()) {
                return ImapValue.NIL;
            }
            List<ImapValue> items = new ArrayList<>();
            for (String l : langs) {
                items.add(ImapStrings.string(l));
            }
            return new ImapValue.ListOf(items);
        }
    }
}
