package dev.surel.bench;

import dev.surel.auth.LoginGuard;
import dev.surel.auth.LoginPeer;
import dev.surel.auth.LoginResult;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A password login as a session makes it (throttle check, directory lookup, verification):
 * with the verification cache (a client reconnecting) and without it (Argon2id every time,
 * m=19 MiB, t=2, p=1).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LoginBenchmark {

    @Param({"cached", "argon2"})
    String mode;

    BenchServices env;
    LoginPeer ip;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        env = new BenchServices(mode.equals("argon2") ? "[auth]\nverification_cache_size = 0\n" : "");
        env.services.directory().addDomain("bench.test");
        env.services.directory().addUser("u@bench.test", "correct horse".toCharArray());
        ip = new LoginPeer("imap", InetAddress.getLoopbackAddress());
        // every login is logged (dev.surel.auth.login, INFO); millions of lines are not what this measures
        if (org.slf4j.LoggerFactory.getLogger("dev.surel.auth.login") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        env.close();
    }

    @Benchmark
    public LoginResult login() {
        LoginResult r = env.services.loginGuard().login(ip, LoginGuard.IMAP_LOGIN, "u@bench.test", "correct horse".toCharArray());
        if (!(r instanceof LoginResult.Ok)) throw new IllegalStateException("login failed: " + r);
        return r;
    }
}
