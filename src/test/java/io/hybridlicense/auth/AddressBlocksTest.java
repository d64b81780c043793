package io.hybridlicense.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressBlocksTest {

    @Test
    void ipv6_isCountedByItsSlash64() {
        assertThat(AddressBlocks.of("2001:db8:0:1::1")).isEqualTo("2001:db8:0:1::/64");
        assertThat(AddressBlocks.of("2001:0db8:0000:0001:ffff:ffff:ffff:ffff")).isEqualTo("2001:db8:0:1::/64");
        assertThat(AddressBlocks.of("[2001:db8:0:1:abcd::7]")).isEqualTo("2001:db8:0:1::/64");
        assertThat(AddressBlocks.of("2001:db8:0:2::1")).isEqualTo("2001:db8:0:2::/64");
        assertThat(AddressBlocks.of("::1")).isEqualTo("0:0:0:0::/64");
    }

    @Test
    void ipv4_andIpv4MappedIpv6_areCountedByTheAddress() {
        assertThat(AddressBlocks.of("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(AddressBlocks.of("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(AddressBlocks.of("[::ffff:c000:207]")).isEqualTo("192.0.2.7");
    }

    @Test
    void whatIsNoAddress_staysAsItIs() {
        assertThat(AddressBlocks.of("unknown")).isEqualTo("unknown");
        assertThat(AddressBlocks.of("2001:db8::g")).isEqualTo("2001:db8::g");
    }
}
