package dev.surel.net;

import dev.surel.tls.TlsManager;
import dev.surel.tls.TlsSettings;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Child JVM for {@link TlsVersionPolicyTest}, started with a java.security override that no
 * longer disables TLS 1.0/1.1 in the JDK. It serves (1) a Surel listener and (2) a control
 * server that enables TLS 1.1 on purpose, prints {@code PORTS <surel> <control>} and runs
 * until its stdin closes. Arguments: cert file, key file.
 */
public final class TlsPolicyProbeMain {
    public static void main(String[] args) throws Exception {
        TlsManager tls = TlsManager.start(new TlsSettings(Path.of(args[0]), Path.of(args[1]), java.util.List.of(), Duration.ZERO));
        NetContext ctx = NetContext.of(NetSettings.defaults(), tls, Clock.systemUTC());
        Listener l = new Listener("127.0.0.1:0", new Service("probe", ListenerMode.IMPLICIT_TLS,
                c -> { c.writeLine("OK ready"); c.flush(); c.readLine(); }, RefusalHandler.silent()), ctx);
        int surel = l.start().getPort();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        var ck = tls.defaultCertificate();
        ks.setKeyEntry("k", ck.key(), new char[0], ck.chain().toArray(new java.security.cert.X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext control = SSLContext.getInstance("TLS");
        control.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket ss = (SSLServerSocket) control.getServerSocketFactory().createServerSocket(0, 10,
                java.net.InetAddress.getLoopbackAddress());
        ss.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"});
        ss.setEnabledCipherSuites(ss.getSupportedCipherSuites());
        Thread.ofVirtual().start(() -> {
            while (true) {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.getOutputStream().write("OK control\r\n".getBytes());
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                } catch (Exception e) {
                    if (ss.isClosed()) return;
                }
            }
        });
        System.out.println("PORTS " + surel + " " + ss.getLocalPort());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) { /* wait for the parent */ }
        ss.close();
        l.stop(Duration.ZERO);
        tls.close();
    }

    private TlsPolicyProbeMain() {}
}
