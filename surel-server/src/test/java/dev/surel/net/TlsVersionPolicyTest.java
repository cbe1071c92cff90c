package dev.surel.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.tls.TestCerts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.0/1.1 are refused by Surel's own configuration, not only by the JDK's
 * {@code jdk.tls.disabledAlgorithms}: a child JVM runs with that JDK policy relaxed, and a
 * control server in it that enables TLS 1.1 does accept openssl's TLS 1.1 handshake (so
 * the client side can speak it), while the Surel listener refuses it with a protocol_version
 * alert.
 */
class TlsVersionPolicyTest {
    @TempDir Path dir;

    @Test
    void oldVersionsRefusedEvenWhenTheJdkWouldAllowThem() throws Exception {
        TestCerts.Written w = TestCerts.write(dir, "k", "policy.test", TestCerts.KeyForm.PKCS8_RSA);
        Path security = Files.writeString(dir.resolve("relaxed.security"),
                "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, anon, NULL\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Djava.security.properties=" + security,
                "-cp", System.getProperty("java.class.path"), TlsPolicyProbeMain.class.getName(),
                w.cert().toString(), w.key().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
            String ports = out.readLine();
            assertThat(ports).as("child JVM output").startsWith("PORTS ");
            String[] p = ports.split(" ");
            InetSocketAddress surel = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(p[1]));
            InetSocketAddress control = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(p[2]));

            for (String old : List.of("-tls1_1", "-tls1")) {
                TlsListenerTest.OpensslResult ok = TlsListenerTest.sClient(control, old);
                assertThat(ok.output()).as("control accepts " + old + ":\n" + ok.output()).contains("OK control");
                TlsListenerTest.OpensslResult refused = TlsListenerTest.sClient(surel, old);
                assertThat(refused.exit()).as(refused.output()).isNotZero();
                assertThat(refused.output()).as(refused.output()).containsIgnoringCase("alert protocol version")
                        .doesNotContain("OK ready");
            }
            assertThat(TlsListenerTest.sClient(surel, "-tls1_2").output()).contains("OK ready");
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }
}
