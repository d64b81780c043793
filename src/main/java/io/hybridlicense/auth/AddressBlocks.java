package io.hybridlicense.auth;

import io.netty.util.NetUtil;
import java.util.Arrays;

/**
 * The part of a client address that per-address limits count by. An IPv6 client usually holds a whole
 * /64 and can pick a new address in it for every request, so it is counted by its /64; an IPv4 client
 * (also one written as IPv4-mapped IPv6, {@code ::ffff:a.b.c.d}) by its address.
 */
final class AddressBlocks {

    private static final int IPV6_PREFIX_BYTES = 8;

    private AddressBlocks() {
    }

    /** {@code 2001:db8:0:1::/64} for any address in that /64, {@code 192.0.2.7} as it is; anything else unchanged. */
    static String of(String address) {
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        if (bytes == null) {
            return address;
        }
        if (bytes.length == 16 && isIpv4Mapped(bytes)) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
        }
        if (bytes.length == 4) {
            return NetUtil.bytesToIpAddress(bytes);
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
            prefix.append(Integer.toHexString((bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff)).append(':');
        }
        return prefix.append(":/64").toString();
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }
}
