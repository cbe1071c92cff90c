package dev.surel.delivery;

import dev.surel.net.HostPort;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A tiny authoritative DNS server for tests, UDP and TCP on one loopback address and port:
 * answers from a record list; a name with no records of any type is NXDOMAIN; names marked
 * {@link #servfail} answer SERVFAIL; names marked {@link #silent} are never answered.
 */
final class TestDnsServer implements AutoCloseable {

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final List<Record> records = new ArrayList<>();
    private final Set<Name> servfail = ConcurrentHashMap.newKeySet();
    private final Set<Name> silent = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> queries = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    TestDnsServer(String address) throws IOException {
        InetAddress a = InetAddress.getByName(address);
        this.tcp = new ServerSocket();
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress(a, 0));
        this.udp = new DatagramSocket(new InetSocketAddress(a, tcp.getLocalPort()));
        Thread.ofVirtual().start(this::serveUdp);
        Thread.ofVirtual().start(this::serveTcp);
    }

    HostPort address() {
        return new HostPort(tcp.getInetAddress().getHostAddress(), tcp.getLocalPort());
    }

    static Name name(String n) {
        try {
            return Name.fromString(n.endsWith(".") ? n : n + ".");
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    synchronized TestDnsServer mx(String domain, int preference, String target) {
        records.add(new MXRecord(name(domain), DClass.IN, 60, preference, target.equals(".") ? Name.root : name(target)));
        return this;
    }

    synchronized TestDnsServer a(String host, String address) throws IOException {
        records.add(new ARecord(name(host), DClass.IN, 60, InetAddress.getByName(address)));
        return this;
    }

    synchronized TestDnsServer aaaa(String host, String address) throws IOException {
        records.add(new AAAARecord(name(host), DClass.IN, 60, InetAddress.getByName(address)));
        return this;
    }

    TestDnsServer servfail(String n) {
        servfail.add(name(n));
        return this;
    }

    TestDnsServer silent(String n) {
        silent.add(name(n));
        return this;
    }

    /** How many queries of {@code type} ("MX", "A") were asked for {@code name}. */
    int queries(String n, String type) {
        return queries.getOrDefault(name(n) + " " + type, 0);
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
        queries.merge(n + " " + Type.string(question.getType()), 1, Integer::sum);
        if (silent.contains(n)) return null;
        if (servfail.contains(n)) {
            r.getHeader().setRcode(Rcode.SERVFAIL);
            return r.toWire();
        }
        boolean exists = false;
        for (Record x : records) {
            if (!x.getName().equals(n)) continue;
            exists = true;
            if (x.getType() == question.getType()) r.addRecord(x, Section.ANSWER);
        }
        if (!exists) r.getHeader().setRcode(Rcode.NXDOMAIN);
        return r.toWire();
    }

    private void serveUdp() {
        byte[] buf = new byte[4096];
        while (open) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                byte[] q = java.util.Arrays.copyOf(p.getData(), p.getLength());
                byte[] a = answer(q);
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
                            byte[] q = in.readNBytes(len);
                            byte[] a = answer(q);
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
