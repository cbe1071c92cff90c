package dev.surel.protocol.imap.fetch;

import dev.surel.protocol.imap.BodySection;
import dev.surel.protocol.mime.ByteRange;
import dev.surel.protocol.mime.HeaderFields;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimePart;
import dev.surel.protocol.mime.SectionText;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Resolves a {@link BodySection} against a message's {@link MessageStructure} (RFC 9051 §6.4.5,
 * section numbers as {@link MessageStructure} defines them):
 *
 * <ul>
 *   <li>{@code BODY[]}: the whole message; {@code BODY[HEADER]} / {@code BODY[TEXT]}: the top-level
 *       header (with its blank line) / body.</li>
 *   <li>{@code BODY[n]}: the body of part n; for a non-multipart message part 1 is the body.</li>
 *   <li>{@code BODY[n.MIME]}: the MIME header of part n; for part 1 of a non-multipart message that
 *       is the message header.</li>
 *   <li>{@code BODY[n.HEADER]}, {@code n.TEXT}, {@code n.HEADER.FIELDS}: only when part n is
 *       message/rfc822 (or message/global), about the encapsulated message; else {@link SectionSlice.Missing}.</li>
 *   <li>{@code HEADER.FIELDS (names)} / {@code .NOT}: the selected fields in message order plus the
 *       blank line that ends a header (RFC 9051 §6.4.5: "the subset of header ... including the
 *       delimiting blank line").</li>
 * </ul>
 * Then the partial {@code <origin.octets>} is applied. Pure but for {@link HeaderReader}, which
 * is asked for the bytes of an encapsulated message's header (the top-level header is in the
 * structure).
 */
public final class SectionSlicer {

    private SectionSlicer() {
    }

    /** Reads bytes of the stored message (for the header block of an encapsulated message). */
    @FunctionalInterface
    public interface HeaderReader {
        byte[] read(ByteRange range) throws IOException;
    }

    /** A reader for callers that never ask for nested HEADER.FIELDS; fails if asked. */
    public static final HeaderReader NO_READER = r -> {
        throw new IOException("nested header not available");
    };

    public static SectionSlice slice(MessageStructure s, BodySection section, HeaderReader reader) throws IOException {
        SectionSlice whole = resolve(s, section, reader);
        BodySection.Partial p = section.partial();
        if (p == null) {
            return whole;
        }
        return switch (whole) {
            case SectionSlice.Missing m -> m;
            case SectionSlice.Stored st -> new SectionSlice.Stored(st.range().partial(p.offset(), p.count()));
            case SectionSlice.Computed c -> {
                byte[] b = c.bytes();
                int from = (int) Math.min(b.length, p.offset());
                int to = (int) Math.min(b.length, from + Math.min(p.count(), (long) Integer.MAX_VALUE));
                yield new SectionSlice.Computed(Arrays.copyOfRange(b, from, to));
            }
        };
    }

    private static SectionSlice resolve(MessageStructure s, BodySection section, HeaderReader reader) throws IOException {
        int[] path = section.path().stream().mapToInt(Integer::intValue).toArray();
        return switch (section.kind()) {
            case CONTENT -> stored(s.range(SectionText.CONTENT, path));
            case MIME -> stored(s.range(SectionText.MIME, path));
            case HEADER -> stored(s.range(SectionText.HEADER, path));
            case TEXT -> stored(s.range(SectionText.TEXT, path));
            case HEADER_FIELDS, HEADER_FIELDS_NOT -> {
                boolean exclude = section.kind() == BodySection.Kind.HEADER_FIELDS_NOT;
                if (path.length == 0) {
                    yield new SectionSlice.Computed(s.header().select(section.fieldNames(), exclude));
                }
                Optional<MimePart> p = s.part(path);
                if (p.isPresent() && p.get() instanceof MimePart.Message m) {
                    HeaderFields h = HeaderFields.parse(reader.read(m.message().header()));
                    yield new SectionSlice.Computed(h.select(section.fieldNames(), exclude));
                }
                yield new SectionSlice.Missing();
            }
        };
    }

    private static SectionSlice stored(Optional<ByteRange> r) {
        return r.<SectionSlice>map(SectionSlice.Stored::new).orElseGet(SectionSlice.Missing::new);
    }
}
