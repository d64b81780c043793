package io.hybridlicense.shared;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The caller's IP address for rate limiting. Behind a proxy, set
 * {@code quarkus.http.proxy.proxy-address-forwarding} (and trusted proxies) so that Vert.x reports the
 * forwarded address here.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress address = request.remoteAddress();
        return address == null || address.hostAddress() == null ? "unknown" : address.hostAddress();
    }
}
