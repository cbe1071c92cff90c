package dev.surel.protocol.dkim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The two hashes of RFC 6376 §3.7: the body hash and the data the signature covers. */
final class DkimHash {

    private DkimHash() {
    }

    static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The header data to sign (§3.7, §5.4.2): each name of h= picks the last not yet used field
     * of that name, bottom up; a name with no field left contributes nothing. Then the
     * DKIM-Signature field itself with its b= value removed and no trailing CRLF.
     */
    static byte[] headerData(List<HeaderField> headers, List<String> signed, Canonicalization c, String dkimFieldRaw) {
        Map<String, Integer> used = new HashMap<>();
        StringBuilder b = new StringBuilder();
        for (String name : signed) {
            String key = name.toLowerCase(Locale.ROOT);
            int skip = used.getOrDefault(key, 0);
            HeaderField found = null;
            for (int i = headers.size() - 1, seen = 0; i >= 0; i--) {
                if (headers.get(i).name().equalsIgnoreCase(name)) {
                    if (seen++ == skip) {
                        found = headers.get(i);
                        break;
                    }
                }
            }
            used.put(key, skip + 1);
            if (found != null) {
                b.append(c.header(found));
            }
        }
        b.append(c.header(withoutSignature(dkimFieldRaw)));
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The field with the b= value emptied (§3.5 b=, §3.7), leaving everything else as it is. */
    static String withoutSignature(String raw) {
        int colon = raw.indexOf(':');
        return raw.substring(0, colon + 1) + B_VALUE.matcher(raw.substring(colon + 1)).replaceFirst("$1");
    }

    private static final Pattern B_VALUE = Pattern.compile("((?:^|;)[ \\t\\r\\n]*b[ \\t\\r\\n]*=)[^;]*");
}
