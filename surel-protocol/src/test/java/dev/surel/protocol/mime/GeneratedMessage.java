package dev.surel.protocol.mime;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A large message generated on the fly (never held in memory): a header, then either one text
 * body of {@code bodyLines} lines of 76 characters, or (multipart) a text part and a base64
 * attachment of that many lines each, or one single line of {@code bodyLines * 78} bytes.
 */
final class GeneratedMessage extends InputStream {

    enum Shape { TEXT, MULTIPART, ONE_LINE }

    private final byte[] head;
    private final byte[] middle;
    private final byte[] tail;
    private final byte[] line;
    private final long lines;
    private final Shape shape;
    private long pos;
    private final long size;

    static final String LINE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/abcdefghijkl\r\n";

    GeneratedMessage(Shape shape, long lines) {
        this.shape = shape;
        this.lines = lines;
        String h = "From: big@example.com\r\nSubject: big\r\n";
        this.head = bytes(switch (shape) {
            case TEXT, ONE_LINE -> h + "Content-Type: text/plain\r\n\r\n";
            case MULTIPART -> h + "Content-Type: multipart/mixed; boundary=BIG\r\n\r\n--BIG\r\n"
                    + "Content-Type: text/plain\r\n\r\n";
        });
        this.middle = bytes(shape == Shape.MULTIPART
                ? "--BIG\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n" : "");
        this.tail = bytes(shape == Shape.MULTIPART ? "--BIG--\r\n" : "");
        this.line = bytes(shape == Shape.ONE_LINE ? LINE.replace("\r\n", "xx") : LINE);
        long bodyBytes = lines * line.length;
        this.size = head.length + (shape == Shape.MULTIPART ? 2 * bodyBytes + middle.length : bodyBytes) + tail.length;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    long size() {
        return size;
    }

    long headLength() {
        return head.length;
    }

    long bodyBytes() {
        return lines * line.length;
    }

    @Override
    public int read() {
        if (pos >= size) {
            return -1;
        }
        return byteAt(pos++) & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - pos);
        for (int i = 0; i < n; i++) {
            b[off + i] = byteAt(pos++);
        }
        return n;
    }

    private byte byteAt(long p) {
        if (p < head.length) {
            return head[(int) p];
        }
        p -= head.length;
        long body = bodyBytes();
        if (p < body) {
            return line[(int) (p % line.length)];
        }
        p -= body;
        if (shape == Shape.MULTIPART) {
            if (p < middle.length) {
                return middle[(int) p];
            }
            p -= middle.length;
            if (p < body) {
                return line[(int) (p % line.length)];
            }
            p -= body;
        }
        return tail[(int) p];
    }
}
