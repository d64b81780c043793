package io.hybridlicense.webhooks.endpoint;

import io.hybridlicense.shared.AddressPolicy;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.hybridlicense.webhooks.WebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where endpoints may be: an absolute {@code https} URL (or {@code http} where allowed) without user
 * info or fragment, whose host passes {@code hl.webhooks.allowed-hosts} ({@link AddressPolicy}, the
 * same rules as data sources). Checked at registration and, against what the host resolves to then, at
 * every delivery.
 */
@ApplicationScoped
public class EndpointAddresses {

    private final AddressPolicy policy;
    private final boolean allowHttp;

    @Inject
    EndpointAddresses(WebhooksConfig config) {
        this(new AddressPolicy("hl.webhooks.allowed-hosts", config.allowedHosts()), config.allowHttp());
    }

    public EndpointAddresses(AddressPolicy policy, boolean allowHttp) {
        this.policy = policy;
        this.allowHttp = allowHttp;
    }

    /** A checked URL: where to connect (one of the allowed addresses) and what to say and verify (host, port). */
    public record Target(URI uri, String host, int port, boolean https, InetAddress address) {
    }

    /** The URL's shape; 422 {@code invalid-webhook-url} naming what is wrong, never echoing it. */
    URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("url is not a valid absolute URL");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw invalid(allowHttp ? "url must be http or https" : "url must be https (hl.webhooks.allow-http is off)");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null || uri.isOpaque()) {
            throw invalid("url must have a host, and no user info or fragment");
        }
        return uri;
    }

    /** At registration: the host must resolve to allowed addresses only, or be allowed by name. */
    void requireAllowed(URI uri) {
        if (resolve(host(uri)).isEmpty() && !policy.allowsByName(host(uri))) {
            throw notAllowed();
        }
    }

    /**
     * At delivery: the address to connect to, checked now.
     *
     * @throws ProblemException {@code host-not-allowed} (the policy refuses it) or {@code host-not-resolved}
     */
    public Target target(String url) {
        URI uri = parse(url);
        String host = host(uri);
        List<InetAddress> addresses = resolve(host);
        if (addresses.isEmpty()) {
            throw new ProblemException(Problem.of(422, "host-not-resolved", "Unprocessable Content", "The endpoint's host does not resolve"));
        }
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        return new Target(uri, host, port, https, addresses.get(0));
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private List<InetAddress> resolve(String host) {
        try {
            return policy.resolve(host);
        } catch (AddressPolicy.Refused refused) {
            throw notAllowed();
        }
    }

    private static ProblemException notAllowed() {
        return ProblemException.badRequest("host-not-allowed", "This server may not send webhooks to that host "
                + "(hl.webhooks.allowed-hosts)");
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of(422, "invalid-webhook", "Unprocessable Content", detail));
    }
}
