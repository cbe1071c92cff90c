package dev.surel.protocol.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parsed structure of one stored message: its size, root entity, envelope and top-level
 * header fields. Section numbers resolve as in RFC 9051 §6.4.5: the parts of a message (the top
 * level or an encapsulated message/rfc822) are the children of its root when the root is a
 * multipart, else the root alone as part 1; the parts of a multipart part are its children; the
 * parts of a message/rfc822 part are those of the encapsulated message.
 *
 * <p>Invariant: {@code root.headerStart() == 0} and {@code root.bodyEnd() == size}.
 */
public record MessageStructure(long size, MimePart root, Envelope envelope, HeaderFields header) {

    /** A part with its section number ("1.2"). */
    public record Section(String number, MimePart part) {
    }

    /** The part at a section path (e.g. {@code 1, 2} for "1.2"); empty when there is none. */
    public Optional<MimePart> part(int... path) {
        if (path.length == 0) {
            return Optional.empty();
        }
        List<MimePart> parts = partsOfMessage(root);
        MimePart p = null;
        for (int n : path) {
            if (n < 1 || n > parts.size()) {
                return Optional.empty();
            }
            p = parts.get(n - 1);
            parts = subparts(p);
        }
        return Optional.of(p);
    }

    private static List<MimePart> partsOfMessage(MimePart messageRoot) {
        return messageRoot instanceof MimePart.Multipart m ? m.children() : List.of(messageRoot);
    }

    private static List<MimePart> subparts(MimePart p) {
        return switch (p) {
            case MimePart.Multipart m -> m.children();
            case MimePart.Message m -> partsOfMessage(m.message());
            case MimePart.Single s -> List.of();
        };
    }

    /**
     * The byte range of a section. An empty path means the whole message's {@code HEADER} /
     * {@code TEXT} (CONTENT and MIME give the whole message). {@code HEADER} and {@code TEXT} of a
     * non-empty path need a message/rfc822 part (else empty). {@code MIME} of part 1 of a
     * non-multipart message is the message header.
     */
    public Optional<ByteRange> range(SectionText what, int... path) {
        if (path.length == 0) {
            return Optional.of(switch (what) {
                case HEADER -> root.header();
                case TEXT -> new ByteRange(root.bodyStart(), size);
                case CONTENT, MIME -> new ByteRange(0, size);
            });
        }
        Optional<MimePart> found = part(path);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MimePart p = found.get();
        return switch (what) {
            case CONTENT -> Optional.of(p.body());
            case MIME -> Optional.of(p.header());
            case HEADER -> p instanceof MimePart.Message m ? Optional.of(m.message().header()) : Optional.empty();
            case TEXT -> p instanceof MimePart.Message m ? Optional.of(m.message().body()) : Optional.empty();
        };
    }

    /** Every numbered part in section order (depth first), with its section number. */
    public List<Section> sections() {
        List<Section> out = new ArrayList<>();
        walk(partsOfMessage(root), "", out);
        return out;
    }

    private static void walk(List<MimePart> parts, String prefix, List<Section> out) {
        for (int i = 0; i < parts.size(); i++) {
            String num = prefix + (i + 1);
            MimePart p = parts.get(i);
            out.add(new Section(num, p));
            walk(subparts(p), num + ".", out);
        }
    }
}
