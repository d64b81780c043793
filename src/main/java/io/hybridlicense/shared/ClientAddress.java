package io.hybridlicense.shared;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The caller's IP address for rate limiting. Behind a proxy, set
 * {@code quarkus.http.proxy.proxy-address-forwarding} (and trusted proxies) so that Vert.x reports the
 * forwarded address here. A forwarded IPv6 address in brackets ({@code [2001:db8::1]}, as RFC 7239's
 * {@code Forwarded} writes it) has no parsed form in Vert.x and is passed on as written.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress address = request.remoteAddress();
        if (address == null) {
            return "unknown";
        }
        if (address.hostAddress() != null) {
            return address.hostAddress();
        }
        String host = address.host();
        return host != null && host.startsWith("[") && host.endsWith("]") ? host : "unknown";
    }
}
