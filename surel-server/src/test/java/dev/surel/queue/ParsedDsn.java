package dev.surel.queue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * A DSN parsed back with mime4j: the top header, the three report parts (RFC 3464 / RFC 6522)
 * and the delivery-status fields, per message and per recipient.
 */
record ParsedDsn(Message message, ContentTypeField contentType, List<Entity> parts, Map<String, String> perMessage,
                 List<Map<String, String>> perRecipient, String returnedType, String returned) {

    static ParsedDsn parse(String text) throws IOException {
        DefaultMessageBuilder b = new DefaultMessageBuilder();
        b.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        Message m = b.parseMessage(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        ContentTypeField ct = (ContentTypeField) m.getHeader().getField("Content-Type");
        Multipart mp = (Multipart) m.getBody();
        List<Entity> parts = mp.getBodyParts();
        String status = bodyText(parts.get(1).getBody());
        List<Map<String, String>> groups = new ArrayList<>();
        for (String group : status.split("\r\n\r\n")) {
            if (group.isBlank()) continue;
            Map<String, String> fields = new LinkedHashMap<>();
            for (Field f : b.parseHeader(new ByteArrayInputStream((group.strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8))).getFields()) {
                fields.put(f.getName(), f.getBody().strip());
            }
            groups.add(fields);
        }
        Entity third = parts.get(2);
        String returned = third.getBody() instanceof Message inner ? write(inner) : bodyText(third.getBody());
        return new ParsedDsn(m, ct, parts, groups.getFirst(), groups.subList(1, groups.size()), third.getMimeType(), returned);
    }

    private static String bodyText(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((SingleBody) body).writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String write(Message inner) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new org.apache.james.mime4j.message.DefaultMessageWriter().writeMessage(inner, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    String header(String name) {
        Field f = message.getHeader().getField(name);
        return f == null ? null : f.getBody().strip();
    }
}
