package io.hybridlicense.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The address policy as production (public only), dev (also loopback) and operators' allowlists configure it. */
class AddressPolicyTest {

    /** A fixed DNS: literals are themselves, names are what this table says, anything else does not exist. */
    private static final Map<String, List<String>> DNS = Map.of(
            "db.example.com", List.of("93.184.216.34"),
            "mixed.example.com", List.of("93.184.216.34", "10.0.0.7"),
            "rebind.example.com", List.of("127.0.0.1"),
            "db.corp.example", List.of("10.20.30.40"),
            "metadata.corp.example", List.of("169.254.169.254"),
            "localhost", List.of("127.0.0.1", "::1"));

    private static AddressPolicy policy(String... entries) {
        return new AddressPolicy(List.of(entries), AddressPolicyTest::resolve);
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.matches("^[0-9.]+$") || host.contains(":")) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] resolved = new InetAddress[addresses.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = InetAddress.getByName(addresses.get(i));
        }
        return resolved;
    }

    /** As a registration decides: the host must resolve to allowed addresses only, or be allowed by name. */
    private static boolean allows(AddressPolicy policy, String host) {
        try {
            return !policy.resolve(host).isEmpty() || policy.allowsByName(host);
        } catch (AddressPolicy.Refused refused) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "127.1.2.3", "::1", "localhost", "0.0.0.0", "::",
            "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.255",
            "169.254.169.254", "169.254.1.1", "fe80::1", "fc00::1", "fd12:3456::1", "fd00:ec2::254",
            "224.0.0.1", "239.255.255.250", "255.255.255.255", "ff02::1", "192.0.0.192", "100.100.100.200",
            "168.63.129.16", "198.18.0.1", "192.0.2.10", "2001:db8::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1",
            "64:ff9b::a00:1", "64:ff9b::7f00:1", "2002:7f00:1::1", "2002:a9fe:a9fe::1",
            "mixed.example.com", "rebind.example.com", "db.corp.example"})
    void production_refusesEveryNonPublicAddress_inEveryForm(String host) {
        assertThat(allows(policy("public"), host)).as(host).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "db.example.com", "64:ff9b::808:808"})
    void production_allowsPublicAddresses(String host) {
        assertThat(allows(policy("public"), host)).as(host).isTrue();
    }

    @Test
    void aNameIsAllowedOnlyWhenEveryAddressIs() throws Exception {
        assertThatThrownBy(() -> policy("public").resolve("mixed.example.com")).isInstanceOf(AddressPolicy.Refused.class);
        assertThat(policy("public", "10.0.0.0/8").resolve("mixed.example.com")).extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.216.34", "10.0.0.7");
    }

    @Test
    void anUnknownHost_resolvesToNothing_andTheCallerDecides() throws Exception {
        AddressPolicy production = policy("public");
        assertThat(production.resolve("nowhere.example.com")).isEmpty();
        assertThat(production.allowsByName("nowhere.example.com")).isFalse();
    }

    @Test
    void dev_allowsLoopbackToo_butNothingElseLocal() {
        AddressPolicy dev = policy("public", "loopback");
        assertThat(Arrays.asList("127.0.0.1", "::1", "localhost", "db.example.com")).allMatch(host -> allows(dev, host));
        assertThat(Arrays.asList("10.0.0.1", "192.168.1.1", "169.254.169.254", "fd00::1", "::ffff:10.0.0.1"))
                .noneMatch(host -> allows(dev, host));
    }

    @Test
    void operators_allowRangesAndNames_withoutPublicAddresses() {
        AddressPolicy internalOnly = policy("10.0.0.0/8", "*.corp.example", "fd00::/8");
        assertThat(Arrays.asList("10.1.2.3", "db.corp.example", "fd00::5", "::ffff:10.9.9.9")).allMatch(host -> allows(internalOnly, host));
        assertThat(Arrays.asList("8.8.8.8", "127.0.0.1", "192.168.0.1", "corp.example", "db.example.com"))
                .noneMatch(host -> allows(internalOnly, host));
    }

    @Test
    void metadataAddresses_needAnEntryThatNamesTheirAddress() {
        assertThat(allows(policy("*"), "169.254.169.254")).isFalse();
        assertThat(allows(policy("*.corp.example"), "metadata.corp.example")).isFalse();
        assertThat(allows(policy("public"), "168.63.129.16")).isFalse();
        assertThat(allows(policy("169.254.169.254"), "169.254.169.254")).isTrue();
        assertThat(allows(policy("*"), "10.0.0.1")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "300.1.1.1", "db..example.com", "http://x", "*.", "public-ish!", "::1/129"})
    void aMalformedEntry_failsAtStart(String entry) {
        assertThatThrownBy(() -> policy("public", entry)).isInstanceOf(IllegalArgumentException.class);
    }
}
