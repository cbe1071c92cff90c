package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.e2e.SurelProcess.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dist/surel.service} starts Surel as an unprivileged user on the standard ports.
 *
 * <p>systemd is not PID 1 on these machines (nor in CI), so the unit cannot be started with
 * {@code systemctl} or {@code systemd-run}. Instead: {@code systemd-analyze verify} parses the
 * unit (keys, ExecStart's executable), and the test does what the unit asks systemd to do, with
 * the values read from the unit file itself: it creates a system user (useradd, standing in for
 * {@code User=surel}), lays out the installation the unit expects ({@code /opt/surel/surel.jar}
 * with {@code lib/}, {@code /etc/surel/surel.toml}, {@code /var/lib/surel}, {@code /var/log/surel},
 * all under a temporary root), and runs the unit's ExecStart line through {@code setpriv} with the
 * unit's User/Group, AmbientCapabilities, CapabilityBoundingSet and NoNewPrivileges, in a network
 * namespace of its own ({@code unshare --net}, loopback up) so ports 25, 587, 465, 143, 993, 110
 * and 995 are free whatever else runs here. It then checks the process's uid, gid and capabilities
 * in {@code /proc}, that every port answers with its protocol's greeting (python3 inside the
 * namespace, through {@code nsenter}), that the files the server made belong to the user, and
 * that {@code surel status} and {@code surel stop}, run as that user, reach it and stop it. First
 * it shows that the capability is what makes this work: without it the same start fails on port 25.
 *
 * <p>Not covered here (they need systemd as PID 1): the sandboxing options (ProtectSystem,
 * PrivateTmp, ...), StateDirectory/LogsDirectory creation, Restart=, and systemd's SIGTERM.
 * Needs root (as CI runs) and util-linux, iproute2, passwd, systemd and python3 from Debian.
 */
class ServiceUnitTest {

    static final Path UNIT = RepositoryDocsTest.REPO.resolve("dist/surel.service");

    @TempDir Path root;

    @Test
    void theUnitStartsSurelAsAnUnprivilegedUserOnTheStandardPorts() throws Exception {
        assertThat(System.getProperty("user.name")).as("this test creates a system user and drops to it: run it as root "
                + "(CI does)").isEqualTo("root");
        for (String tool : List.of("systemd-analyze:systemd", "setpriv:util-linux", "unshare:util-linux", "nsenter:util-linux",
                "ip:iproute2", "useradd:passwd", "userdel:passwd", "python3:python3")) {
            String cmd = tool.substring(0, tool.indexOf(':'));
            assertThat(run(List.of("sh", "-c", "command -v " + cmd)).exit())
                    .as(cmd + " is needed: apt-get install " + tool.substring(tool.indexOf(':') + 1)).isZero();
        }

        Map<String, String> unit = serviceSection(UNIT);
        assertThat(unit).containsEntry("User", "surel").containsEntry("Group", "surel")
                .containsEntry("AmbientCapabilities", "CAP_NET_BIND_SERVICE")
                .containsEntry("CapabilityBoundingSet", "CAP_NET_BIND_SERVICE")
                .containsEntry("NoNewPrivileges", "true")
                .containsEntry("KillSignal", "SIGTERM")
                .containsEntry("SuccessExitStatus", "143");
        assertThat(unit.get("ExecStart")).matches("/\\S+/bin/java --enable-native-access=ALL-UNNAMED \\$SUREL_JVM_DEFAULTS "
                + "-XX:SharedArchiveFile=/var/lib/surel/surel.jsa -XX:\\+AutoCreateSharedArchive \\$SUREL_JAVA_OPTS "
                + "-jar /opt/surel/surel.jar serve --config /etc/surel/surel.toml");
        assertThat(unit.get("EnvironmentFile")).isEqualTo("/opt/surel/jvm.env\n-/etc/surel/jvm.env");
        String defaults = jvmDefaults();
        assertThat(defaults).contains("-Xmx1g", "-XX:+UseG1GC", "-XX:MaxHeapFreeRatio=30");
        Result verify = run(List.of("systemd-analyze", "verify", UNIT.toString()));
        assertThat(verify.exit()).as("systemd-analyze verify: " + verify).isZero();
        assertThat(verify.out() + verify.err()).as("no warning about the unit").doesNotContain("surel.service");

        String user = "surel-t" + ProcessHandle.current().pid();
        Result add = run(List.of("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                "--shell", "/usr/sbin/nologin", user));
        assertThat(add.exit()).as("useradd: " + add).isZero();
        Process server = null;
        try {
            Install install = install(user);
            List<String> execStart = new ArrayList<>();
            for (String word : unit.get("ExecStart").split("\\s+")) {
                switch (word) { // as systemd expands them: $NAME is the variable's value split at white space
                    case "$SUREL_JVM_DEFAULTS" -> execStart.addAll(List.of(defaults.split("\\s+")));
                    case "$SUREL_JAVA_OPTS" -> { } // Environment=SUREL_JAVA_OPTS= (empty unless /etc/surel/jvm.env sets it)
                    case "/opt/surel/surel.jar" -> execStart.add(install.jar().toString());
                    case "/etc/surel/surel.toml" -> execStart.add(install.config().toString());
                    case "-XX:SharedArchiveFile=/var/lib/surel/surel.jsa" -> execStart.add("-XX:SharedArchiveFile=" + install.data().resolve("surel.jsa"));
                    default -> execStart.add(word);
                }
            }
            String uid = run(List.of("id", "-u", user)).out().strip();
            String gid = run(List.of("id", "-g", user)).out().strip();

            // without the capability, an unprivileged user cannot have port 25
            List<String> noCaps = inNewNetwork(asUser(user, List.of(), execStart));
            Result refused = run(noCaps);
            assertThat(refused.exit()).as(refused.toString()).isNotZero();
            assertThat(refused.err()).contains("cannot listen on 127.0.0.1:25 for smtp").containsIgnoringCase("permission denied");

            // as the unit says: User, Group, AmbientCapabilities, CapabilityBoundingSet, NoNewPrivileges
            List<String> setpriv = new ArrayList<>();
            String ambient = capability(unit.get("AmbientCapabilities"));
            setpriv.add("--inh-caps=+" + ambient);
            setpriv.add("--ambient-caps=+" + ambient);
            setpriv.add("--bounding-set=-all,+" + capability(unit.get("CapabilityBoundingSet")));
            if (unit.get("NoNewPrivileges").equals("true")) setpriv.add("--no-new-privs");
            ProcessBuilder pb = new ProcessBuilder(inNewNetwork(asUser(user, setpriv, execStart)));
            Path out = root.resolve("serve.out");
            server = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            Path ports = install.data().resolve("ports");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (!Files.exists(ports)) {
                assertThat(server.isAlive()).as("surel serve exited:\n" + Files.readString(out)).isTrue();
                assertThat(Instant.now()).as("ports file within 120 s:\n" + Files.readString(out)).isBefore(deadline);
                Thread.sleep(100);
            }
            assertThat(Files.readString(ports)).isEqualTo("""
                    smtp 127.0.0.1:25
                    submission 127.0.0.1:587
                    submissions 127.0.0.1:465
                    imap 127.0.0.1:143
                    imaps 127.0.0.1:993
                    pop3 127.0.0.1:110
                    pop3s 127.0.0.1:995
                    """);

            // the process (unshare, sh, setpriv and java exec one another: one pid) runs as the user with one capability
            Map<String, String> status = procStatus(server.pid());
            assertThat(status.get("Uid")).isEqualTo(String.join("\t", uid, uid, uid, uid));
            assertThat(status.get("Gid")).isEqualTo(String.join("\t", gid, gid, gid, gid));
            String netBindService = "0000000000000400"; // CAP_NET_BIND_SERVICE = bit 10
            assertThat(status).containsEntry("CapEff", netBindService).containsEntry("CapPrm", netBindService)
                    .containsEntry("CapAmb", netBindService).containsEntry("CapBnd", netBindService)
                    .containsEntry("NoNewPrivs", "1");

            // every standard port answers with its greeting
            Result greet = run(List.of("nsenter", "--net=/proc/" + server.pid() + "/ns/net", "--", "python3", "-c", GREETINGS,
                    "25", "587", "465:tls", "143", "993:tls", "110", "995:tls"));
            assertThat(greet.exit()).as(greet.toString()).isZero();
            assertThat(greet.out()).containsPattern("(?m)^25 220 mail\\.example\\.test ")
                    .containsPattern("(?m)^587 220 mail\\.example\\.test ").containsPattern("(?m)^465 220 mail\\.example\\.test ")
                    .containsPattern("(?m)^143 \\* OK").containsPattern("(?m)^993 \\* OK")
                    .containsPattern("(?m)^110 \\+OK").containsPattern("(?m)^995 \\+OK");

            // what it made is the user's, and the log went to the log directory
            for (Path p : List.of(install.data().resolve("surel.db"), install.data().resolve("admin.secret"),
                    install.data().resolve("tls"), install.log())) {
                assertThat(Files.getOwner(p).getName()).as(p.toString()).isEqualTo(user);
            }
            assertThat(Files.readString(install.log())).contains("Surel ready on mail.example.test");

            // the CLI, run as the same user, reaches it through the admin channel
            List<String> cli = new ArrayList<>(execStart.subList(0, execStart.indexOf("serve")));
            cli.addAll(List.of("--config", install.config().toString()));
            List<String> statusCmd = new ArrayList<>(cli);
            statusCmd.add("status");
            Result st = run(asUser(user, List.of(), statusCmd));
            assertThat(st.exit()).as(st.toString()).isZero();
            assertThat(st.out()).contains("status: running\npid: " + server.pid() + "\nuser: " + user + "\n")
                    .contains("listen: smtp 127.0.0.1:25 connections=0").contains("listen: pop3s 127.0.0.1:995 connections=0");
            List<String> stopCmd = new ArrayList<>(cli);
            stopCmd.add("stop");
            Result stop = run(asUser(user, List.of(), stopCmd));
            assertThat(stop.exit()).as(stop.toString()).isZero();
            assertThat(stop.out()).endsWith("surel: stopped\n");
            assertThat(server.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isZero();
        } finally {
            if (server != null && server.isAlive()) server.destroyForcibly().waitFor();
            run(List.of("userdel", user));
            run(List.of("groupdel", user)); // if userdel left the group (USERGROUPS_ENAB no)
        }
    }

    /** The installation the unit expects, under the temporary root. */
    record Install(Path jar, Path config, Path data, Path log) { }

    /**
     * /opt/surel/surel.jar (the server's classes, Main-Class and Class-Path lib/...) with lib/ (every
     * other class path entry, directories jarred), /etc/surel/surel.toml (root:user 0640),
     * /var/lib/surel and /var/log/surel (user, 0750), as docs/operations.md installs them.
     */
    private Install install(String user) throws IOException {
        UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = users.lookupPrincipalByName(user);
        GroupPrincipal group = users.lookupPrincipalByGroupName(user);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path opt = Files.createDirectories(root.resolve("opt/surel/lib"));
        Path etc = Files.createDirectories(root.resolve("etc/surel"));
        Path data = Files.createDirectories(root.resolve("var/lib/surel"));
        Path logs = Files.createDirectories(root.resolve("var/log/surel"));
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        for (Path p : List.of(data, logs)) {
            Files.setOwner(p, owner);
            Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(group);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-x---"));
        }
        Path serverClasses = null;
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith("test-classes") || !Files.exists(p)) continue;
            if (Files.isDirectory(p) && p.endsWith(Path.of("surel-server", "target", "classes"))) {
                serverClasses = p;
                continue;
            }
            String name = Files.isDirectory(p) ? p.getParent().getParent().getFileName() + ".jar" : p.getFileName().toString();
            if (Files.isDirectory(p)) jar(p, opt.resolve(name), null);
            else Files.copy(p, opt.resolve(name));
            classPath.add("lib/" + name);
        }
        assertThat(serverClasses).as("surel-server/target/classes on the class path").isNotNull();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.surel.cli.Main");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        manifest.getMainAttributes().putValue("Enable-Native-Access", "ALL-UNNAMED");
        Path jar = jar(serverClasses, opt.getParent().resolve("surel.jar"), manifest);
        Path config = etc.resolve("surel.toml");
        Path log = logs.resolve("surel.log");
        Files.writeString(config, """
                hostname = "mail.example.test"
                data_dir = "%s"
                [listen]
                smtp = "127.0.0.1:25"
                submission = "127.0.0.1:587"
                submissions = "127.0.0.1:465"
                imap = "127.0.0.1:143"
                imaps = "127.0.0.1:993"
                pop3 = "127.0.0.1:110"
                pop3s = "127.0.0.1:995"
                [log]
                file = "%s"
                """.formatted(data, log));
        Files.getFileAttributeView(config, PosixFileAttributeView.class).setGroup(group);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
        return new Install(jar, config, data, log);
    }

    private static Path jar(Path classes, Path jar, Manifest manifest) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = manifest == null ? new JarOutputStream(file) : new JarOutputStream(file, manifest);
             Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(p -> !p.equals(classes)).sorted().toList()) {
                String name = classes.relativize(p).toString().replace('\\', '/');
                if (name.equals("META-INF/MANIFEST.MF") || name.equals("META-INF")) continue;
                if (Files.isDirectory(p)) { // directory entries too, as the jar plugin writes them (resource scanning needs them)
                    out.putNextEntry(new JarEntry(name + "/"));
                    out.closeEntry();
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** {@code setpriv} to the user and its group (supplementary groups from /etc/group), a clean environment, then {@code command}. */
    private static List<String> asUser(String user, List<String> privileges, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--reset-env"));
        cmd.addAll(privileges);
        cmd.add("--");
        cmd.addAll(command);
        return cmd;
    }

    /** {@code command} in a new network namespace with only the loopback interface, up. */
    private static List<String> inNewNetwork(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("unshare", "--net", "--", "sh", "-c", "ip link set lo up && exec \"$@\"", "sh"));
        cmd.addAll(command);
        return cmd;
    }

    /** "CAP_NET_BIND_SERVICE" as setpriv names it: "net_bind_service". */
    private static String capability(String unitValue) {
        assertThat(unitValue.split("\\s+")).as("one capability").hasSize(1);
        return unitValue.toLowerCase(Locale.ROOT).replaceFirst("^cap_", "");
    }

    /** The [Service] section's keys and values (each key once in this unit). */
    /** The [Service] keys; a repeated EnvironmentFile (systemd reads each) gives its values one a line. */
    static Map<String, String> serviceSection(Path unit) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        boolean in = false;
        for (String line : Files.readAllLines(unit)) {
            String l = line.strip();
            if (l.startsWith("[")) in = l.equals("[Service]");
            else if (in && !l.isEmpty() && !l.startsWith("#") && l.contains("=")) {
                String key = l.substring(0, l.indexOf('='));
                String value = l.substring(l.indexOf('=') + 1);
                if (key.equals("EnvironmentFile") && m.containsKey(key)) m.put(key, m.get(key) + "\n" + value);
                else assertThat(m.put(key, value)).as("one " + key).isNull();
            }
        }
        return m;
    }

    /** SUREL_JVM_DEFAULTS from dist/jvm.env (installed as /opt/surel/jvm.env), quotes removed as systemd does. */
    static String jvmDefaults() throws IOException {
        for (String line : Files.readAllLines(RepositoryDocsTest.REPO.resolve("dist/jvm.env"))) {
            if (line.startsWith("SUREL_JVM_DEFAULTS=")) return line.substring(line.indexOf('=') + 1).replace("\"", "").strip();
        }
        throw new AssertionError("dist/jvm.env sets no SUREL_JVM_DEFAULTS");
    }

    private static Map<String, String> procStatus(long pid) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) m.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return m;
    }

    /** Connects to each "port" or "port:tls" on 127.0.0.1 and prints "port greeting-line". */
    private static final String GREETINGS = """
            import socket, ssl, sys
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            for spec in sys.argv[1:]:
                port, _, tls = spec.partition(':')
                s = socket.create_connection(('127.0.0.1', int(port)), timeout=30)
                if tls:
                    s = ctx.wrap_socket(s)
                line = s.makefile('rb').readline().decode('utf-8', 'replace').strip()
                print(port, line, flush=True)
                s.close()
            """;

    private static Result run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // ended
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 120 s");
        }
        t.join();
        return new Result(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }
}
