package dev.surel.dns;

import dev.surel.net.HostPort;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server for tests, UDP and TCP on one loopback address and a free
 * port, built on dnsjava's message classes. It answers from its records (given one by one or as
 * zone-file text, RFC 1035 §5): a name with no records of any type is NXDOMAIN, an existing name
 * without the asked type NODATA, a CNAME is followed (RFC 1034 §3.6.2: the CNAME then the
 * target's records in the answer, up to 8 links); both carry the enclosing zone's SOA in the authority section
 * when there is one (RFC 2308 §3). Names marked {@link #servfail} answer SERVFAIL, names marked
 * {@link #silent} are never answered (a timeout), also for one type only, names marked {@link #authenticated} come with
 * the AD bit set whatever the query asked. An answer too large for UDP comes truncated (TC) over UDP
 * and whole over TCP. It counts queries per name and type.
 */
public final class TestDnsServer implements AutoCloseable {

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final List<Record> records = new ArrayList<>();
    private final Set<Name> servfail = ConcurrentHashMap.newKeySet();
    private final Set<Name> silent = ConcurrentHashMap.newKeySet();
    private final Set<String> silentTypes = ConcurrentHashMap.newKeySet();
    private final Set<Name> authenticated = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> queries = new ConcurrentHashMap<>();
    private final Set<String> askedAd = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private volatile boolean open = true;

    /** On 127.0.0.1. */
    public TestDnsServer() throws IOException {
        this("127.0.0.1");
    }

    public TestDnsServer(String address) throws IOException {
        InetAddress a = InetAddress.getByName(address);
        this.tcp = new ServerSocket();
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress(a, 0));
        this.udp = new DatagramSocket(new InetSocketAddress(a, tcp.getLocalPort()));
        Thread.ofVirtual().start(this::serveUdp);
        Thread.ofVirtual().start(this::serveTcp);
    }

    public HostPort address() {
        return new HostPort(tcp.getInetAddress().getHostAddress(), tcp.getLocalPort());
    }

    public static Name name(String n) {
        try {
            return Name.fromString(n.endsWith(".") ? n : n + ".");
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Adds the records of zone-file text (RFC 1035 §5.1), e.g. {@code "$ORIGIN example.test.\n@ 300 IN MX 10 mx"}. */
    public synchronized TestDnsServer zone(String text) {
        try (Master m = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.root, 3600)) {
            for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) records.add(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public synchronized TestDnsServer add(Record r) {
        records.add(r);
        return this;
    }

    /** Removes every record of {@code name} (the name then no longer exists). */
    public synchronized TestDnsServer remove(String n) {
        Name x = name(n);
        records.removeIf(r -> r.getName().equals(x));
        return this;
    }

    public synchronized TestDnsServer mx(String domain, int preference, String target) {
        records.add(new MXRecord(name(domain), DClass.IN, 60, preference, target.equals(".") ? Name.root : name(target)));
        return this;
    }

    public synchronized TestDnsServer a(String host, String address) throws IOException {
        records.add(new ARecord(name(host), DClass.IN, 60, InetAddress.getByName(address)));
        return this;
    }

    public synchronized TestDnsServer aaaa(String host, String address) throws IOException {
        records.add(new AAAARecord(name(host), DClass.IN, 60, InetAddress.getByName(address)));
        return this;
    }

    public TestDnsServer servfail(String n) {
        servfail.add(name(n));
        return this;
    }

    public TestDnsServer silent(String n) {
        silent.add(name(n));
        return this;
    }

    /** Queries of {@code type} ("TXT", "A") for {@code n} are never answered; other types are. */
    public TestDnsServer silent(String n, String type) {
        silentTypes.add(name(n) + " " + type);
        return this;
    }

    /**
     * A TXT record of the given character-strings, each the UTF-8 octets of its text as is (no
     * zone-file escapes), one longer than 255 octets cut into several (RFC 1035 §3.3.14).
     */
    public static Record txt(String owner, String... strings) {
        java.io.ByteArrayOutputStream rdata = new java.io.ByteArrayOutputStream();
        for (String s : strings) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int off = 0;
            do {
                int len = Math.min(255, b.length - off);
                rdata.write(len);
                rdata.write(b, off, len);
                off += len;
            } while (off < b.length);
        }
        return Record.newRecord(name(owner), Type.TXT, DClass.IN, 60, rdata.toByteArray());
    }

    /** Answers for {@code n} carry the AD bit (as a validating resolver's would, RFC 4035 §3.2.3). */
    public TestDnsServer authenticated(String n) {
        authenticated.add(name(n));
        return this;
    }

    /** How many queries of {@code type} ("MX", "A") were asked for {@code name}. */
    public int queries(String n, String type) {
        return queries.getOrDefault(name(n) + " " + type, 0);
    }

    /** Whether a query of {@code type} for {@code name} had the AD bit set (RFC 6840 §5.7). */
    public boolean askedAd(String n, String type) {
        return askedAd.contains(name(n) + " " + type);
    }

    /** Queries that came over TCP. */
    public int tcpQueries() {
        return tcpQueries.get();
    }

    /**
     * The answer to {@code query}; over UDP ({@code udp}) one larger than 512 octets, or than the
     * query's EDNS payload size (RFC 6891 §6.2.5), is cut to its question with TC set (RFC 1035
     * §4.2.1, RFC 7766 §5) so that the client asks again over TCP.
     */
    private byte[] answer(byte[] query, boolean udp) throws IOException {
        byte[] a = answer(query);
        if (a == null || !udp) return a;
        Message q = new Message(query);
        int limit = q.getOPT() != null ? Math.max(512, q.getOPT().getPayloadSize()) : 512;
        if (a.length <= limit) return a;
        Message full = new Message(a);
        Message cut = new Message(full.getHeader().getID());
        for (int f : new int[] {Flags.QR, Flags.AA, Flags.RD, Flags.RA, Flags.AD}) {
            if (full.getHeader().getFlag(f)) cut.getHeader().setFlag(f);
        }
        cut.getHeader().setFlag(Flags.TC);
        cut.addRecord(q.getQuestion(), Section.QUESTION);
        return cut.toWire();
    }

    private synchronized byte[] answer(byte[] query) throws IOException {
        Message q = new Message(query);
        Record question = q.getQuestion();
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.AA);
        if (q.getHeader().getFlag(Flags.RD)) r.getHeader().setFlag(Flags.RD);
        r.getHeader().setFlag(Flags.RA);
        r.addRecord(question, Section.QUESTION);
        Name n = question.getName();
        String key = n + " " + Type.string(question.getType());
        queries.merge(key, 1, Integer::sum);
        if (q.getHeader().getFlag(Flags.AD)) askedAd.add(key);
        if (silent.contains(n) || silentTypes.contains(key)) return null;
        if (servfail.contains(n)) {
            r.getHeader().setRcode(Rcode.SERVFAIL);
            return r.toWire();
        }
        if (authenticated.contains(n)) r.getHeader().setFlag(Flags.AD);
        boolean exists = false;
        for (int hops = 0; hops < 8; hops++) {
            exists = false;
            Name next = null;
            for (Record x : records) {
                if (!x.getName().equals(n)) continue;
                exists = true;
                if (x.getType() == question.getType()) {
                    r.addRecord(x, Section.ANSWER);
                } else if (x instanceof CNAMERecord c && question.getType() != Type.ANY) {
                    r.addRecord(x, Section.ANSWER);
                    next = c.getTarget();
                }
            }
            if (next == null || silent.contains(next)) break;
            n = next;
        }
        if (!exists) r.getHeader().setRcode(Rcode.NXDOMAIN);
        if (r.getSection(Section.ANSWER).isEmpty()) {
            SOARecord soa = soaFor(n);
            if (soa != null) r.addRecord(soa, Section.AUTHORITY);
        }
        return r.toWire();
    }

    /** The SOA of the closest enclosing zone, or null. */
    private SOARecord soaFor(Name n) {
        SOARecord best = null;
        for (Record x : records) {
            if (x instanceof SOARecord s && n.subdomain(s.getName())
                    && (best == null || s.getName().labels() > best.getName().labels())) {
                best = s;
            }
        }
        return best;
    }

    private void serveUdp() {
        byte[] buf = new byte[4096];
        while (open) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                byte[] a = answer(Arrays.copyOf(p.getData(), p.getLength()), true);
                if (a != null) udp.send(new DatagramPacket(a, a.length, p.getSocketAddress()));
            } catch (IOException e) {
                if (!open) return;
            }
        }
    }

    private void serveTcp() {
        while (open) {
            try {
                Socket s = tcp.accept();
                Thread.ofVirtual().start(() -> {
                    try (s) {
                        DataInputStream in = new DataInputStream(s.getInputStream());
                        DataOutputStream out = new DataOutputStream(s.getOutputStream());
                        while (true) {
                            int len = in.readUnsignedShort();
                            tcpQueries.incrementAndGet();
                            byte[] a = answer(in.readNBytes(len), false);
                            if (a == null) continue;
                            out.writeShort(a.length);
                            out.write(a);
                            out.flush();
                        }
                    } catch (IOException ignored) {
                        // client went away
                    }
                });
            } catch (IOException e) {
                if (!open) return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        udp.close();
        tcp.close();
    }
}
