package dev.surel.smtp;

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
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A raw SMTP test client: bytes out exactly as given, replies read line by line (multi-line joined with "\n"). */
final class SmtpClient implements AutoCloseable {
    Socket socket;
    InputStream in;
    OutputStream out;

    private SmtpClient(Socket s) throws IOException {
        use(s);
        s.setSoTimeout(15_000);
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    static SmtpClient plain(InetSocketAddress a) throws IOException {
        return new SmtpClient(new Socket(a.getAddress(), a.getPort()));
    }

    static SmtpClient tls(InetSocketAddress a) throws IOException {
        SSLSocket s = (SSLSocket) TestCerts.trustAll().getSocketFactory().createSocket(a.getAddress(), a.getPort());
        noHostCheck(s);
        s.startHandshake();
        return new SmtpClient(s);
    }

    /** STARTTLS on this connection (after the 220 go-ahead). */
    void startTls() throws IOException {
        SSLSocket s = (SSLSocket) TestCerts.trustAll().getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        noHostCheck(s);
        s.startHandshake();
        use(s);
        s.setSoTimeout(15_000);
    }

    /** One line without CRLF, or null at EOF. */
    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] x = b.toByteArray();
                int n = x.length > 0 && x[x.length - 1] == '\r' ? x.length - 1 : x.length;
                return new String(x, 0, n, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }

    /** One whole reply: its lines joined with "\n" (null at EOF). */
    String reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = line();
            if (l == null) return lines.isEmpty() ? null : String.join("\n", lines);
            lines.add(l);
            if (l.length() < 4 || l.charAt(3) != '-') return String.join("\n", lines);
        }
    }

    void send(String s) throws IOException {
        send(s.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    /** Sends a command line and returns its reply. */
    String cmd(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    /** Greeting and EHLO; returns the EHLO reply. */
    String hello() throws IOException {
        String g = reply();
        if (g == null || !g.startsWith("220 ")) throw new IOException("greeting: " + g);
        return cmd("EHLO client.example.org");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static void noHostCheck(SSLSocket s) {
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm(null);
        s.setSSLParameters(p);
    }

}
