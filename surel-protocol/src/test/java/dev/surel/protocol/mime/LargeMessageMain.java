package dev.surel.protocol.mime;

import java.util.List;

/**
 * Run by {@link LargeMessageTest} in a child JVM with a small heap: parses generated messages of
 * about 20 MB and prints what it found; exits non-zero on any mismatch.
 */
public final class LargeMessageMain {

    private LargeMessageMain() {
    }

    public static void main(String[] args) throws Exception {
        long lines = Long.parseLong(args[0]);
        MimeParser parser = new MimeParser(MimeSettings.defaults());
        for (GeneratedMessage.Shape shape : GeneratedMessage.Shape.values()) {
            GeneratedMessage gen = new GeneratedMessage(shape, lines);
            MessageStructure s = parser.parse(gen);
            check(s.size() == gen.size(), shape + " size " + s.size() + " != " + gen.size());
            switch (shape) {
                case TEXT -> {
                    MimePart.Single p = (MimePart.Single) s.root();
                    check(p.bodyStart() == gen.headLength() && p.bodySize() == gen.bodyBytes(), "TEXT body " + p);
                    check(p.lines() == lines, "TEXT lines " + p.lines());
                }
                case ONE_LINE -> {
                    MimePart.Single p = (MimePart.Single) s.root();
                    check(p.bodySize() == gen.bodyBytes() && p.lines() == 1, "ONE_LINE " + p);
                }
                case MULTIPART -> {
                    MimePart.Multipart m = (MimePart.Multipart) s.root();
                    check(m.children().size() == 2, "MULTIPART children " + m.children().size());
                    MimePart.Single text = (MimePart.Single) m.children().get(0);
                    check(text.bodySize() == gen.bodyBytes() - 2 && text.lines() == lines, "MULTIPART text " + text);
                    List<PartText.Extracted> t = PartText.extractAll(new GeneratedMessage(shape, lines), s,
                            MimeSettings.defaults());
                    check(t.size() == 1 && t.get(0).text().length() == MimeSettings.defaults().maxTextChars(),
                            "MULTIPART text extraction " + t.size());
                }
            }
            System.out.println("OK " + shape + " " + s.size());
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            System.out.println("FAIL " + what);
            System.exit(2);
        }
    }
}
