package dev.surel.mailauth;

import dev.surel.protocol.dkim.DkimAlgorithm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DKIM keys of the hosted domains, kept in the data directory:
 * <pre>
 * dkim/                          0700
 * dkim/example.org/              0700, one directory per domain
 * dkim/example.org/keys          0600, one line per key: selector algorithm state created
 * dkim/example.org/SEL.pem       0600, the key pair: PKCS#8 PRIVATE KEY and SPKI PUBLIC KEY blocks
 * </pre>
 * Every file is written atomically and durably (temp file created 0600, fsync, rename, fsync of the
 * directory). A new key's PEM file is durable before the {@code keys} line that names it, and a
 * removed key's line goes before its file, so a crash leaves at worst an unnamed PEM file, which
 * is ignored. The state lives in a small text file beside the keys rather than the database so
 * that a domain's keys and their states are one directory: backed up and restored together
 * ({@code DataDirFiles.dkim}) and readable by an administrator with {@code cat}.
 *
 * <p>RSA keys are 2048 bits (RFC 8301 §3.2 SHOULD), Ed25519 keys per RFC 8463, both from the JDK.
 * At most one key per algorithm and domain is active; with an Ed25519 and an RSA key active a
 * message gets two signatures (RFC 8463 §5 recommends signing with both while Ed25519 support
 * spreads).
 *
 * <p>Thread-safe: changes are serialized; readers ({@link #signingKeys}) see an immutable snapshot,
 * so a running server signs with a new active key from the next message on. One process owns the
 * data directory (the server, or the CLI holding its lock), so no other writer exists.
 */
public final class DkimKeys {

    private static final Logger log = LoggerFactory.getLogger(DkimKeys.class);

    /** The name of the state file in each domain's directory. */
    static final String STATE_FILE = "keys";
    /** RFC 6376 §3.1: a selector is a sub-domain (dot-separated labels of letters, digits and hyphens). */
    private static final Pattern SELECTOR = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> DIR_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Clock clock;
    private volatile Map<String, List<DkimKey>> keys; // domain -> keys, immutable snapshot

    private DkimKeys(Path dir, Clock clock, Map<String, List<DkimKey>> keys) {
        this.dir = dir;
        this.clock = clock;
        this.keys = keys;
    }

    /** The keys under {@code dir} (the data directory's {@code dkim/}; absent: none yet). A damaged key is logged and skipped. */
    public static DkimKeys open(Path dir, Clock clock) {
        Map<String, List<DkimKey>> all = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path d : ds) {
                    String domain = d.getFileName().toString();
                    if (!Files.isDirectory(d) || !DOMAIN.matcher(domain).matches()) continue;
                    List<DkimKey> list = load(d, domain);
                    if (!list.isEmpty()) all.put(domain, List.copyOf(list));
                }
            } catch (IOException e) {
                log.error("cannot read the DKIM keys in {}: {}; nothing is signed", dir, e.toString());
            }
        }
        return new DkimKeys(dir, clock, Map.copyOf(all));
    }

    /** Every key of {@code domain} (null: of every domain), by domain, then state (active, pending, retired), then selector. */
    public List<DkimKey> list(String domain) {
        Map<String, List<DkimKey>> snapshot = keys;
        List<DkimKey> out = new ArrayList<>();
        if (domain == null) snapshot.values().forEach(out::addAll);
        else out.addAll(snapshot.getOrDefault(normalize(domain), List.of()));
        out.sort(Comparator.comparing(DkimKey::domain).thenComparing(k -> order(k.state())).thenComparing(DkimKey::selector));
        return out;
    }

    /**
     * The keys to sign a message whose author (RFC 5322 From) is in {@code fromDomain}: the active
     * keys of that domain, else of the nearest parent domain that has some (its signature still
     * aligns with the From domain under DMARC relaxed alignment, RFC 7489 §3.1.1: a DSN from
     * {@code MAILER-DAEMON@mail.example.org} is signed {@code d=example.org}). Empty: not signed.
     */
    public List<DkimKey> signingKeys(String fromDomain) {
        Map<String, List<DkimKey>> snapshot = keys;
        String d = fromDomain.toLowerCase(Locale.ROOT);
        while (d.indexOf('.') > 0) {
            List<DkimKey> active = snapshot.getOrDefault(d, List.of()).stream().filter(k -> k.state() == DkimKeyState.ACTIVE).toList();
            if (!active.isEmpty()) return active;
            d = d.substring(d.indexOf('.') + 1);
        }
        return List.of();
    }

    /**
     * Creates a key. {@code selector} null picks {@code rsaYYYYMMDD} / {@code edYYYYMMDD} (a letter
     * appended when taken). An active key refuses to replace an active key of the same algorithm
     * (CONFLICT: roll with a pending key and {@link #activate} instead).
     */
    public synchronized DkimKey generate(String domain, String selector, DkimAlgorithm algorithm, DkimKeyState state) {
        String d = checkDomain(domain);
        List<DkimKey> current = keys.getOrDefault(d, List.of());
        String sel = selector == null ? freeSelector(current, algorithm) : checkSelector(selector);
        if (current.stream().anyMatch(k -> k.selector().equals(sel))) {
            throw new DkimKeyException(DkimKeyException.Kind.EXISTS, d + " already has a key with selector " + sel);
        }
        if (state == DkimKeyState.ACTIVE) {
            current.stream().filter(k -> k.state() == DkimKeyState.ACTIVE && k.algorithm() == algorithm).findFirst().ifPresent(k -> {
                throw new DkimKeyException(DkimKeyException.Kind.CONFLICT, d + " already has an active " + algorithm.keyType()
                        + " key (selector " + k.selector() + "): use 'surel dkim rotate " + d + "' and 'surel dkim activate' to replace it");
            });
        }
        KeyPair pair = newPair(algorithm);
        DkimKey key = new DkimKey(d, sel, algorithm, state, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                pair.getPrivate(), pair.getPublic());
        List<DkimKey> next = new ArrayList<>(current);
        next.add(key);
        try {
            Path domainDir = dir.resolve(d);
            createDir(dir);
            createDir(domainDir);
            writeAtomically(domainDir, sel + ".pem", pem(key).getBytes(StandardCharsets.US_ASCII));
            writeState(domainDir, next);
        } catch (IOException e) {
            throw new DkimKeyException(DkimKeyException.Kind.IO, "cannot write the key of " + d + " in " + dir + ": " + e, e);
        }
        publish(d, next);
        log.info("DKIM key {} ({}) created, {}", key.recordName(), algorithm.keyType(), state.word());
        return key;
    }

    /**
     * Makes a key active; the domain's active key of the same algorithm (if another) becomes
     * retired: it signs no more but stays in the list, to stay published until removed (mail signed
     * with it may still be in transit or in a queue). Returns the keys that changed, the activated first.
     */
    public synchronized List<DkimKey> activate(String domain, String selector) {
        String d = checkDomain(domain);
        DkimKey target = find(d, checkSelector(selector));
        List<DkimKey> changed = new ArrayList<>();
        List<DkimKey> next = new ArrayList<>();
        for (DkimKey k : keys.getOrDefault(d, List.of())) {
            if (k.selector().equals(target.selector())) {
                DkimKey a = k.withState(DkimKeyState.ACTIVE);
                changed.addFirst(a);
                next.add(a);
            } else if (k.state() == DkimKeyState.ACTIVE && k.algorithm() == target.algorithm()) {
                DkimKey r = k.withState(DkimKeyState.RETIRED);
                changed.add(r);
                next.add(r);
            } else {
                next.add(k);
            }
        }
        try {
            writeState(dir.resolve(d), next);
        } catch (IOException e) {
            throw new DkimKeyException(DkimKeyException.Kind.IO, "cannot write the key states of " + d + ": " + e, e);
        }
        publish(d, next);
        log.info("DKIM key {} activated", target.recordName());
        return changed;
    }

    /** Removes a key and its file. An active key is refused unless {@code force} (mail would go out unsigned). */
    public synchronized DkimKey remove(String domain, String selector, boolean force) {
        String d = checkDomain(domain);
        DkimKey target = find(d, checkSelector(selector));
        if (target.state() == DkimKeyState.ACTIVE && !force) {
            throw new DkimKeyException(DkimKeyException.Kind.CONFLICT, target.recordName() + " is active: activate another key first "
                    + "(or remove it with --force; mail from " + d + " then goes out without its signature)");
        }
        List<DkimKey> next = new ArrayList<>(keys.getOrDefault(d, List.of()));
        next.removeIf(k -> k.selector().equals(target.selector()));
        try {
            Path domainDir = dir.resolve(d);
            writeState(domainDir, next);
            Files.deleteIfExists(domainDir.resolve(target.selector() + ".pem"));
            fsyncDir(domainDir);
        } catch (IOException e) {
            throw new DkimKeyException(DkimKeyException.Kind.IO, "cannot remove the key " + target.recordName() + ": " + e, e);
        }
        publish(d, next);
        log.info("DKIM key {} removed", target.recordName());
        return target;
    }

    private DkimKey find(String domain, String selector) {
        return keys.getOrDefault(domain, List.of()).stream().filter(k -> k.selector().equals(selector)).findFirst()
                .orElseThrow(() -> new DkimKeyException(DkimKeyException.Kind.NOT_FOUND, domain + " has no DKIM key with selector " + selector));
    }

    private void publish(String domain, List<DkimKey> list) {
        Map<String, List<DkimKey>> next = new TreeMap<>(keys);
        if (list.isEmpty()) next.remove(domain);
        else next.put(domain, List.copyOf(list));
        keys = Map.copyOf(next);
    }

    private String freeSelector(List<DkimKey> current, DkimAlgorithm algorithm) {
        String base = (algorithm == DkimAlgorithm.RSA_SHA256 ? "rsa" : "ed") + DAY.format(clock.instant());
        String s = base;
        for (char c = 'b'; taken(current, s) && c <= 'z'; c++) s = base + c;
        return s;
    }

    private static boolean taken(List<DkimKey> current, String s) {
        return current.stream().anyMatch(k -> k.selector().equals(s));
    }

    private static int order(DkimKeyState s) {
        return switch (s) {
            case ACTIVE -> 0;
            case PENDING -> 1;
            case RETIRED -> 2;
        };
    }

    static String normalize(String domain) {
        String d = domain.strip().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private static String checkDomain(String domain) {
        String d = normalize(domain);
        if (!DOMAIN.matcher(d).matches() || d.length() > 253) {
            throw new DkimKeyException(DkimKeyException.Kind.INVALID, "not a domain name: " + domain);
        }
        return d;
    }

    private static String checkSelector(String selector) {
        String s = selector.strip().toLowerCase(Locale.ROOT);
        if (!SELECTOR.matcher(s).matches() || s.length() > 200) {
            throw new DkimKeyException(DkimKeyException.Kind.INVALID,
                    "not a selector (RFC 6376 §3.1: letters, digits and hyphens, dot-separated): " + selector);
        }
        return s;
    }

    private static KeyPair newPair(DkimAlgorithm algorithm) {
        try {
            if (algorithm == DkimAlgorithm.RSA_SHA256) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                return g.generateKeyPair();
            }
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make " + algorithm.keyType() + " keys", e);
        }
    }

    // ------------------------------------------------------------ files

    private static List<DkimKey> load(Path domainDir, String domain) {
        Path state = domainDir.resolve(STATE_FILE);
        List<DkimKey> out = new ArrayList<>();
        if (!Files.isRegularFile(state)) return out;
        List<String> lines;
        try {
            lines = Files.readAllLines(state, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            log.error("cannot read {}: {}; the keys of {} are not used", state, e.toString(), domain);
            return out;
        }
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] f = l.split("\\s+");
            try {
                if (f.length != 4 || !SELECTOR.matcher(f[0]).matches()) throw new IllegalArgumentException("bad line");
                DkimAlgorithm a = DkimAlgorithm.fromTag(f[1]).orElseThrow(() -> new IllegalArgumentException("unknown algorithm " + f[1]));
                KeyPair pair = readPem(domainDir.resolve(f[0] + ".pem"), a);
                out.add(new DkimKey(domain, f[0], a, DkimKeyState.of(f[2]), Instant.parse(f[3]), pair.getPrivate(), pair.getPublic()));
            } catch (IOException | RuntimeException | GeneralSecurityException e) {
                log.error("{}: DKIM key line \"{}\" skipped: {}", state, l, e.toString());
            }
        }
        return out;
    }

    private static void writeState(Path domainDir, List<DkimKey> list) throws IOException {
        StringBuilder b = new StringBuilder("# DKIM keys of this domain (surel dkim): selector algorithm state created\n");
        for (DkimKey k : list) {
            b.append(k.selector()).append(' ').append(k.algorithm().tag()).append(' ').append(k.state().word()).append(' ')
                    .append(k.created()).append('\n');
        }
        writeAtomically(domainDir, STATE_FILE, b.toString().getBytes(StandardCharsets.US_ASCII));
    }

    static String pem(DkimKey k) {
        return block("PRIVATE KEY", k.privateKey().getEncoded()) + block("PUBLIC KEY", k.publicKey().getEncoded());
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyPair readPem(Path file, DkimAlgorithm a) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] priv = null;
        byte[] pub = null;
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            if (m.group(1).equals("PRIVATE KEY")) priv = der;
            else if (m.group(1).equals("PUBLIC KEY")) pub = der;
        }
        if (priv == null || pub == null) throw new IOException(file + ": expected a PRIVATE KEY and a PUBLIC KEY block");
        KeyFactory f = KeyFactory.getInstance(a == DkimAlgorithm.RSA_SHA256 ? "RSA" : "Ed25519");
        PrivateKey p = f.generatePrivate(new PKCS8EncodedKeySpec(priv));
        PublicKey q = f.generatePublic(new X509EncodedKeySpec(pub));
        return new KeyPair(q, p);
    }

    private static void createDir(Path d) throws IOException {
        if (Files.isDirectory(d)) return;
        try {
            Files.createDirectory(d, DIR_MODE);
            fsyncDir(d.getParent());
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(d)) throw e;
        }
    }

    private static void writeAtomically(Path d, String name, byte[] bytes) throws IOException {
        Path tmp = d.resolve(name + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel out = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FILE_MODE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) out.write(b);
            out.force(true);
        }
        Files.move(tmp, d.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDir(d);
    }

    private static void fsyncDir(Path d) throws IOException {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
