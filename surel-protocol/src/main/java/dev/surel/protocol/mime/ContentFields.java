package dev.surel.protocol.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The MIME content fields of one part, as BODYSTRUCTURE needs them (RFC 9051 §7.5.2): media
 * type and subtype (lower-cased), parameters, Content-ID, Content-Description, transfer encoding
 * (lower-cased, default {@code 7bit}), Content-MD5, disposition with parameters, languages and
 * location. Absent string fields are null (IMAP NIL); absent lists are empty.
 *
 * <p>Defaults (RFC 2045 §5.2): an absent or unparsable Content-Type is {@code text/plain;
 * charset=us-ascii}, or {@code message/rfc822} inside multipart/digest (RFC 2046 §5.1.5). A text/*
 * type without a charset parameter gets {@code charset=us-ascii} appended (RFC 2046 §4.1.2, as
 * Dovecot reports it).
 */
public record ContentFields(
        String type,
        String subtype,
        Parameters parameters,
        String id,
        String description,
        String encoding,
        String md5,
        String disposition,
        Parameters dispositionParameters,
        List<String> language,
        String location) {

    public ContentFields {
        language = List.copyOf(language);
    }

    static final Parameters US_ASCII = new Parameters(List.of(new MimeParameter("charset", "us-ascii")));

    /** Default fields: text/plain; charset=us-ascii, 7bit. */
    public static ContentFields defaults() {
        return new ContentFields("text", "plain", US_ASCII, null, null, "7bit", null, null,
                Parameters.empty(), List.of(), null);
    }

    /** Extracts the content fields of a header; never throws. */
    static ContentFields of(HeaderFields h, boolean digestChild) {
        String type = digestChild ? "message" : "text";
        String subtype = digestChild ? "rfc822" : "plain";
        Parameters params = digestChild ? Parameters.empty() : US_ASCII;
        String ct = h.value("Content-Type");
        if (ct != null) {
            int i = Parameters.skipCfws(ct, 0);
            int slash = ct.indexOf('/', i);
            int semi = ct.indexOf(';', i);
            int end = semi < 0 ? ct.length() : semi;
            if (slash > i && slash < end) {
                String t = token(ct.substring(i, slash));
                String st = token(stripComments(ct.substring(slash + 1, end)));
                if (!t.isEmpty() && !st.isEmpty()) {
                    type = t;
                    subtype = st;
                    params = Parameters.parse(ct, end);
                }
            } else if (token(stripComments(ct.substring(i, end))).equals("text")) {
                params = Parameters.parse(ct, end); // "text; charset=x": subtype defaults to plain
            }
        }
        if (type.equals("text") && params.raw("charset") == null && params.raw("charset*") == null) {
            List<MimeParameter> withCharset = new ArrayList<>(params.list());
            withCharset.add(new MimeParameter("charset", "us-ascii"));
            params = new Parameters(withCharset);
        }
        String enc = h.value("Content-Transfer-Encoding");
        enc = enc == null ? "" : token(stripComments(enc));
        if (enc.isEmpty()) {
            enc = "7bit";
        }
        String disposition = null;
        Parameters dparams = Parameters.empty();
        String cd = h.value("Content-Disposition");
        if (cd != null) {
            int semi = cd.indexOf(';');
            String d = token(stripComments(semi < 0 ? cd : cd.substring(0, semi)));
            if (!d.isEmpty()) {
                disposition = d;
                dparams = semi < 0 ? Parameters.empty() : Parameters.parse(cd, semi);
            }
        }
        List<String> lang = new ArrayList<>();
        String cl = h.value("Content-Language");
        if (cl != null) {
            for (String l : stripComments(cl).split(",")) {
                String t = l.strip();
                if (!t.isEmpty() && lang.size() < 100) {
                    lang.add(Text.sanitize(t));
                }
            }
        }
        String loc = h.value("Content-Location");
        if (loc != null) {
            loc = loc.replaceAll("\\s+", "");
            if (loc.startsWith("\"") && loc.endsWith("\"") && loc.length() >= 2) {
                loc = loc.substring(1, loc.length() - 1);
            }
        }
        return new ContentFields(type, subtype, params, nonEmpty(h.value("Content-ID")),
                nonEmpty(h.value("Content-Description")), enc, nonEmpty(h.value("Content-MD5")),
                disposition, dparams, lang, nonEmpty(loc));
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : Text.sanitize(s);
    }

    private static String token(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2) {
            t = t.substring(1, t.length() - 1).strip();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c > 32 && c < 127 && "()<>@,;:\\\"/[]?=".indexOf(c) < 0) {
                sb.append(c);
            } else if (!sb.isEmpty()) {
                break;
            }
        }
        return sb.toString();
    }

    /** The text with RFC 5322 §3.2.2 comments (nested parentheses) removed. */
    public static String stripComments(String s) {
        if (s.indexOf('(') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public boolean isMultipart() {
        return type.equals("multipart");
    }

    /** message/rfc822 or message/global (RFC 6532 §3.7): an encapsulated message. */
    public boolean isMessage() {
        return type.equals("message") && (subtype.equals("rfc822") || subtype.equals("global"));
    }

    public boolean isText() {
        return type.equals("text");
    }

    /** The boundary parameter, or null. */
    public String boundary() {
        return parameters.raw("boundary");
    }

    /** The charset parameter (decoded lookup), or null. */
    public String charset() {
        return parameters.get("charset");
    }

    /** The file name: disposition {@code filename}, else the Content-Type {@code name}; or null. */
    public String fileName() {
        String f = dispositionParameters.get("filename");
        return f != null ? f : parameters.get("name");
    }

    /** These fields with another media type and parameters (for parts treated as opaque). */
    ContentFields withType(String newType, String newSubtype, Parameters newParams) {
        return new ContentFields(newType, newSubtype, newParams, id, description, encoding, md5, disposition,
                dispositionParameters, language, location);
    }
}
