package io.hybridlicense.shared;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which hosts this server may open connections to on a user's behalf (SSRF): users' databases
 * ({@code hl.schemasync.allowed-hosts}) and webhook endpoints ({@code hl.webhooks.allowed-hosts}), each
 * with its own list in the same syntax. The operator lists what is allowed; each entry is one of
 * <ul>
 *   <li>{@code public}: any host whose every address is a public unicast address;</li>
 *   <li>{@code loopback}: {@code 127.0.0.0/8} and {@code ::1};</li>
 *   <li>an address or range: {@code 10.1.2.3}, {@code 10.0.0.0/8}, {@code fd00::/8};</li>
 *   <li>a host name, {@code db.example.com}, or every name below a domain, {@code *.example.com}: that
 *       name is allowed whatever it resolves to (the operator vouches for it);</li>
 *   <li>{@code *}: any host (no protection at all).</li>
 * </ul>
 * A host not allowed by name is resolved and allowed only when <em>every</em> address passes, so a
 * name with one private record among public ones is refused. Cloud metadata addresses pass only an
 * address or range entry that names them, never {@code public}, a host name or {@code *}.
 */
public final class AddressPolicy {

    private static final Pattern NAME_ENTRY = Pattern.compile("^(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$");
    private static final Pattern ADDRESS_ENTRY = Pattern.compile("^[0-9a-f:.]+(/[0-9]{1,3})?$");

    private static final List<Range> NOT_PUBLIC = ranges(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");
    private static final List<Range> LOOPBACK = ranges("127.0.0.0/8", "::1/128");
    /** AWS/GCP/Azure/OpenStack, AWS IPv6, Alibaba, Oracle, and Azure's public-looking wire server. */
    private static final List<Range> METADATA = ranges(
            "169.254.169.254/32", "fd00:ec2::254/128", "100.100.100.200/32", "192.0.0.192/32", "168.63.129.16/32");
    /** IPv6 forms that carry an IPv4 address: NAT64 and IPv4-compatible (judged by the embedded address). */
    private static final List<Range> EMBEDS_IPV4 = ranges("64:ff9b::/96", "::/96");
    private static final Range SIX_TO_FOUR = Range.parse("2002::/16");

    /** Name resolution; the system resolver in production, a fixed table in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final boolean anyHost;
    private final boolean publicAddresses;
    private final List<Range> ranges = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> domains = new ArrayList<>();

    /**
     * @param setting the configuration key the entries come from, named in the error
     * @throws IllegalArgumentException naming the first entry that is none of the forms above
     */
    public AddressPolicy(String setting, List<String> entries) {
        this(setting, entries, InetAddress::getAllByName);
    }

    public AddressPolicy(List<String> entries, Resolver resolver) {
        this("allowed-hosts", entries, resolver);
    }

    public AddressPolicy(String setting, List<String> entries, Resolver resolver) {
        this.resolver = resolver;
        boolean any = false;
        boolean publicOnes = false;
        for (String raw : entries) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                any = true;
            } else if (entry.equals("public")) {
                publicOnes = true;
            } else if (entry.equals("loopback")) {
                ranges.addAll(LOOPBACK);
            } else if (ADDRESS_ENTRY.matcher(entry).matches() && (entry.contains(":") || entry.matches("^[0-9./]+$"))) {
                ranges.add(Range.parse(entry));
            } else if (NAME_ENTRY.matcher(entry).matches()) {
                (entry.startsWith("*.") ? domains : names).add(entry.startsWith("*.") ? entry.substring(1) : entry);
            } else {
                throw new IllegalArgumentException(setting + ": '" + raw + "' is not public, loopback, "
                        + "an address, a range (a.b.c.d/n), a host name or *.domain");
            }
        }
        this.anyHost = any;
        this.publicAddresses = publicOnes;
    }

    /** Allowed by name alone, without looking at addresses: {@code *}, the exact name, or a listed domain. */
    public boolean allowsByName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return anyHost || names.contains(name) || domains.stream().anyMatch(name::endsWith);
    }

    /**
     * The addresses a host resolves to, every one of them allowed; empty when the host does not resolve
     * (whether that is acceptable is the caller's decision: a registration needs an answer, a connection
     * just fails).
     *
     * @throws Refused when any address is not allowed
     */
    public List<InetAddress> resolve(String host) throws Refused {
        List<InetAddress> addresses;
        try {
            addresses = List.of(resolver.resolve(host));
        } catch (UnknownHostException e) {
            addresses = List.of();
        }
        for (InetAddress address : addresses) {
            if (!allows(host, address)) {
                throw new Refused();
            }
        }
        return addresses;
    }

    boolean allows(String host, InetAddress address) {
        if (ranges.stream().anyMatch(range -> range.contains(address))) {
            return true;
        }
        if (isMetadata(address)) {
            return false;
        }
        return allowsByName(host) || publicAddresses && isPublic(address);
    }

    /** A public unicast address: none of the special-purpose ranges, judged by any embedded IPv4 too. */
    public static boolean isPublic(InetAddress address) {
        Optional<InetAddress> embedded = embeddedIpv4(address);
        if (embedded.isPresent()) {
            return isPublic(embedded.get());
        }
        return NOT_PUBLIC.stream().noneMatch(range -> range.contains(address));
    }

    static boolean isMetadata(InetAddress address) {
        InetAddress judged = embeddedIpv4(address).orElse(address);
        return METADATA.stream().anyMatch(range -> range.contains(judged));
    }

    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty(); // Java turns IPv4-mapped IPv6 (::ffff:a.b.c.d) into Inet4Address by itself
        }
        byte[] bytes = address.getAddress();
        if (SIX_TO_FOUR.contains(address)) {
            return Optional.of(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
        }
        boolean embeds = EMBEDS_IPV4.stream().anyMatch(range -> range.contains(address))
                && !Range.parse("::/127").contains(address); // :: and ::1 are themselves, not 0.0.0.0/0.0.0.1
        return embeds ? Optional.of(ipv4(Arrays.copyOfRange(bytes, 12, 16))) : Optional.empty();
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Range> ranges(String... cidrs) {
        return Arrays.stream(cidrs).map(Range::parse).toList();
    }

    /** The host is not allowed. Deliberately without detail: the answer must not say what it resolved to. */
    public static final class Refused extends Exception {
        Refused() {
            super("host not allowed", null, false, false);
        }
    }

    /** An address range in CIDR notation; an address without a prefix length is a range of one. */
    record Range(BigInteger network, int prefix, int bits) {

        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            String literal = slash < 0 ? cidr : cidr.substring(0, slash);
            InetAddress address = literalAddress(literal);
            int bits = address instanceof Inet4Address ? 32 : 128;
            int prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("Invalid prefix length in " + cidr);
            }
            return new Range(mask(new BigInteger(1, address.getAddress()), prefix, bits), prefix, bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            return bytes.length * 8 == bits && mask(new BigInteger(1, bytes), prefix, bits).equals(network);
        }

        private static BigInteger mask(BigInteger value, int prefix, int bits) {
            return value.shiftRight(bits - prefix);
        }

        /** Only literals: never a DNS lookup while reading the configuration. */
        private static InetAddress literalAddress(String literal) {
            boolean ipv4 = literal.matches("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$")
                    && Arrays.stream(literal.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
            boolean ipv6 = literal.contains(":") && literal.matches("^[0-9a-fA-F:.]+$");
            if (!ipv4 && !ipv6) {
                throw new IllegalArgumentException("Not an IP address: " + literal);
            }
            try {
                return InetAddress.getByName(literal);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("Not an IP address: " + literal, e);
            }
        }
    }
}
