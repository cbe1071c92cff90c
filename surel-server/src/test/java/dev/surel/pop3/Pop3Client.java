package dev.surel.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.tls.TestCerts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;

/** A raw POP3 test client over a real socket: lines, multi-line responses, STLS. */
final class Pop3Client implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private Pop3Client(Socket s) throws IOException {
        use(s);
        s.setSoTimeout(10_000);
    }

    static Pop3Client plain(InetSocketAddress a) throws IOException {
        return new Pop3Client(new Socket(a.getAddress(), a.getPort()));
    }

    static Pop3Client tls(InetSocketAddress a) throws IOException {
        SSLSocket s = (SSLSocket) TestCerts.trustAll().getSocketFactory().createSocket(a.getAddress(), a.getPort());
        s.setSoTimeout(10_000);
        s.startHandshake();
        return new Pop3Client(s);
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    void startTls() throws IOException {
        SSLSocket s = (SSLSocket) TestCerts.trustAll().getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        s.startHandshake();
        use(s);
    }

    boolean isTls() {
        return socket instanceof SSLSocket;
    }

    /** One line without CRLF, or null at EOF. */
    String line() throws IOException {
        byte[] b = rawLine();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private byte[] rawLine() throws IOException {
        ByteArrayOutputStream sb = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] b = sb.toByteArray();
                return b.length > 0 && b[b.length - 1] == '\r' ? java.util.Arrays.copyOf(b, b.length - 1) : b;
            }
            sb.write(c);
        }
        return sb.size() == 0 ? null : sb.toByteArray();
    }

    void send(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    String cmd(String line) throws IOException {
        send(line + "\r\n");
        return line();
    }

    /** The lines of a multi-line body up to the terminator, as sent (still dot-stuffed). */
    List<String> body() throws IOException {
        List<String> lines = new ArrayList<>();
        String l;
        while (!(l = line()).equals(".")) lines.add(l);
        return lines;
    }

    /** Sends a command expecting +OK and a multi-line body; returns the body lines un-stuffed. */
    List<String> multi(String command) throws IOException {
        expectOk(cmd(command));
        return body().stream().map(l -> l.startsWith(".") ? l.substring(1) : l).toList();
    }

    /** A message body from RETR/TOP as the wire carried it: stuffed lines joined with CRLF. */
    String raw(String command) throws IOException {
        expectOk(cmd(command));
        StringBuilder sb = new StringBuilder();
        for (String l : body()) sb.append(l).append("\r\n");
        return sb.toString();
    }

    void expectOk(String line) {
        assertThat(line).startsWith("+OK");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

}
