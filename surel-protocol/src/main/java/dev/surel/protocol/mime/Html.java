package dev.surel.protocol.mime;

/** Reduces HTML to searchable text: drops tags, comments, scripts and styles; decodes entities. */
final class Html {

    private Html() {
    }

    static String toText(CharSequence source) {
        String html = source.toString();
        StringBuilder out = new StringBuilder(html.length() / 2);
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                if (startsWithIgnoreCase(html, i, "<!--")) {
                    int e = indexOf(html, "-->", i + 4);
                    i = e < 0 ? n : e + 3;
                    continue;
                }
                String skipUntil = startsWithIgnoreCase(html, i, "<script") ? "</script"
                        : startsWithIgnoreCase(html, i, "<style") ? "</style" : null;
                if (skipUntil != null) {
                    int e = indexOfIgnoreCase(html, skipUntil, i + 1);
                    i = e < 0 ? n : e;
                }
                int gt = indexOf(html, ">", i);
                i = gt < 0 ? n : gt + 1;
                out.append(' ');
            } else if (c == '&') {
                int semi = html.indexOf(';', i);
                if (semi - i > 12) {
                    semi = -1; // entities are short: never scan far (keeps this linear)
                }
                if (semi > i && semi - i <= 10) {
                    String ent = html.substring(i + 1, semi);
                    String rep = entity(ent);
                    if (rep != null) {
                        out.append(rep);
                        i = semi + 1;
                        continue;
                    }
                }
                out.append(c);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString().replaceAll("[ \\t\\x0B\\f]+", " ").replaceAll("\\s*\\n\\s*", "\n").strip();
    }

    private static String entity(String e) {
        switch (e) {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos": return "'";
            case "nbsp": return " ";
            default:
        }
        try {
            if (e.startsWith("#x") || e.startsWith("#X")) {
                return Character.toString(Integer.parseInt(e.substring(2), 16));
            }
            if (e.startsWith("#")) {
                return Character.toString(Integer.parseInt(e.substring(1)));
            }
        } catch (RuntimeException ex) {
            return null;
        }
        return null;
    }

    private static boolean startsWithIgnoreCase(String s, int at, String p) {
        return s.regionMatches(true, at, p, 0, p.length());
    }

    private static int indexOf(String s, String p, int from) {
        return s.indexOf(p, from);
    }

    private static int indexOfIgnoreCase(String s, String p, int from) {
        for (int i = from; i + p.length() <= s.length(); i++) {
            if (startsWithIgnoreCase(s, i, p)) {
                return i;
            }
        }
        return -1;
    }
}
