package dev.surel.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 127.0.0.0/8}, {@code ::1/128}, or a bare
 * address meaning /32 or /128). Only IP literals are accepted (no DNS lookup ever). Host bits
 * below the prefix must be zero: {@code 192.168.1.0/16} is refused as a likely typo.
 * An IPv4 network never contains an IPv6 address and vice versa (Java already presents
 * IPv4-mapped IPv6 peers as IPv4).
 */
public record Cidr(InetAddress network, int prefixLength) {
    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length /" + prefixLength + " out of 0.." + bits);
        }
    }

    /** Parses "address/prefix" or "address"; the message names the text and the problem. */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        InetAddress a;
        try {
            a = InetAddress.ofLiteral(addr);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP network (expected e.g. \"10.0.0.0/8\" or \"fd00::/8\")");
        }
        if (!addr.contains(":") && !(a instanceof Inet4Address)) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP network");
        }
        int bits = a.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("\"" + text + "\": prefix length \"" + p + "\" is not a number");
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                throw new IllegalArgumentException("\"" + text + "\": prefix length /" + prefix + " exceeds " + bits);
            }
        }
        byte[] masked = mask(a.getAddress(), prefix);
        if (!Arrays.equals(masked, a.getAddress())) {
            throw new IllegalArgumentException("\"" + text + "\": address has bits set beyond /" + prefix
                    + " (did you mean " + toText(masked) + "/" + prefix + "?)");
        }
        return new Cidr(a, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] net = network.getAddress();
        byte[] other = address.getAddress();
        return net.length == other.length && Arrays.equals(mask(other, prefixLength), net);
    }

    private static byte[] mask(byte[] addr, int prefix) {
        byte[] out = addr.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (keep == 0 ? 0 : 0xFF << (8 - keep));
        }
        return out;
    }

    private static String toText(byte[] addr) {
        try {
            return InetAddress.getByAddress(addr).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
