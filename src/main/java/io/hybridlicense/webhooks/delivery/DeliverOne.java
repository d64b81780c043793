package io.hybridlicense.webhooks.delivery;

import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.ProblemException;
import io.hybridlicense.webhooks.WebhooksConfig;
import io.hybridlicense.webhooks.api.WebhookEndpointChanged;
import io.hybridlicense.webhooks.endpoint.EndpointAddresses;
import io.hybridlicense.webhooks.endpoint.Endpoints;
import io.hybridlicense.webhooks.endpoint.SecretCipher;
import io.hybridlicense.webhooks.endpoint.Signatures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;
import org.jboss.logging.Logger;

/**
 * Attempts of claimed deliveries, one endpoint's in order: each signs the stored body for its timestamp with
 * every secret that signs now, checks the endpoint's address again, POSTs, and the outcome is recorded with
 * the claim's token (a claim taken over after a lapsed lease records nothing). A failure is retried with
 * exponential backoff and jitter until the last attempt, then {@code failed}; an endpoint failing every
 * delivery for {@code disable-after} is disabled, audited.
 */
@ApplicationScoped
class DeliverOne {

    private static final Logger LOG = Logger.getLogger(DeliverOne.class);
    static final int KEPT_RESPONSE_BYTES = 1024;

    private final Deliveries deliveries;
    private final Endpoints endpoints;
    private final EndpointAddresses addresses;
    private final SecretCipher cipher;
    private final Clock clock;
    private final WebhooksConfig config;
    private final Event<WebhookEndpointChanged> changed;

    DeliverOne(Deliveries deliveries, Endpoints endpoints, EndpointAddresses addresses, SecretCipher cipher, Clock clock,
               WebhooksConfig config, Event<WebhookEndpointChanged> changed) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.addresses = addresses;
        this.cipher = cipher;
        this.clock = clock;
        this.config = config;
        this.changed = changed;
    }

    /** One attempt, recorded. */
    void run(Deliveries.Claim claim) {
        runInOrder(List.of(claim), () -> true);
    }

    /**
     * Sends one endpoint's claims one after another, in their order, while {@code goOn} allows another
     * (asked before every attempt but the first), and stops at the first that fails, whose outcome is
     * recorded at once (retry or {@code failed}). The deliveries taken are recorded together, in one
     * statement, before a failure is and at the end: an instance that dies before that leaves them claimed,
     * and they are sent again (same {@code webhook-id}) after their lease. The signing secrets are read once.
     *
     * @return how many claims were attempted: the rest are the caller's to release
     */
    int runInOrder(List<Deliveries.Claim> claims, BooleanSupplier goOn) {
        Map<UUID, List<String>> secrets = new HashMap<>();
        List<Deliveries.Claim> taken = new ArrayList<>();
        List<Deliveries.Outcome> outcomes = new ArrayList<>();
        int attempted = 0;
        try {
            for (Deliveries.Claim claim : claims) {
                if (attempted > 0 && !goOn.getAsBoolean()) {
                    break;
                }
                attempted++;
                Deliveries.Outcome outcome = attempt(claim, secrets);
                if (outcome.success()) {
                    taken.add(claim);
                    outcomes.add(outcome);
                    continue;
                }
                recordTaken(taken, outcomes);
                recordFailure(claim, outcome);
                break;
            }
        } finally {
            recordTaken(taken, outcomes);
        }
        return attempted;
    }

    private void recordTaken(List<Deliveries.Claim> taken, List<Deliveries.Outcome> outcomes) {
        if (!taken.isEmpty()) {
            int recorded = QuarkusTransaction.requiringNew().call(() -> deliveries.settleDelivered(taken, outcomes));
            if (recorded < taken.size()) {
                LOG.debugf("%d deliveries were taken over by another claim; their outcome is not recorded", taken.size() - recorded);
            }
            taken.clear();
            outcomes.clear();
        }
    }

    private void recordFailure(Deliveries.Claim claim, Deliveries.Outcome outcome) {
        Duration retryIn = claim.attempts() >= config.maxAttempts() ? null : backoff(claim.attempts());
        QuarkusTransaction.requiringNew().run(() -> {
            if (!deliveries.settle(claim, outcome, retryIn)) {
                LOG.debugf("Delivery %s was taken over by another claim; its outcome is not recorded", claim.id());
                return;
            }
            if (deliveries.disableIfFailingFor(claim.endpointId(), config.disableAfter())) {
                endpoints.find(claim.endpointId(), false).ifPresent(endpoint -> changed.fire(new WebhookEndpointChanged(
                        endpoint.id(), endpoint.ownerId(), "auto-disabled", endpoint.url(), null)));
                LOG.warnf("Webhook endpoint %s disabled: every delivery failed for %s", claim.endpointId(), config.disableAfter());
            }
        });
    }

    private Deliveries.Outcome attempt(Deliveries.Claim claim, Map<UUID, List<String>> secretsByEndpoint) {
        long started = System.nanoTime();
        try {
            EndpointAddresses.Target target = addresses.target(claim.url());
            long timestamp = clock.now().getEpochSecond();
            List<String> secrets = secretsByEndpoint.computeIfAbsent(claim.endpointId(), id -> endpoints.signingSecrets(id)
                    .stream().map(sealed -> cipher.open(id, sealed)).toList());
            String id = claim.id().toString();
            Map<String, String> headers = Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
                    "webhook-signature", Signatures.header(secrets, id, timestamp, claim.body()));
            Sender.Answer answer = Sender.post(target, headers, claim.body().getBytes(StandardCharsets.UTF_8), config.timeout());
            return new Deliveries.Outcome(answer.status(), millisSince(started), text(answer.body()),
                    answer.status() / 100 == 2 ? null : answer.status() / 100 == 3 ? "redirect not followed" : "answered " + answer.status());
        } catch (ProblemException refused) {
            return new Deliveries.Outcome(null, millisSince(started), null, refused.problem().detail());
        } catch (SocketTimeoutException e) {
            return new Deliveries.Outcome(null, millisSince(started), null, "no answer within " + config.timeout().toSeconds() + " s");
        } catch (SSLException e) {
            return new Deliveries.Outcome(null, millisSince(started), null, "TLS failed (certificate not valid for the host?)");
        } catch (ConnectException e) {
            return new Deliveries.Outcome(null, millisSince(started), null, "connection refused");
        } catch (IOException e) {
            return new Deliveries.Outcome(null, millisSince(started), null, "connection failed: " + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            // counted like any failed attempt (a secret that no longer opens must not retry forever uncounted)
            LOG.warnf(e, "Webhook delivery %s could not be signed or sent", claim.id());
            return new Deliveries.Outcome(null, millisSince(started), null, "not sent: an error on this server (see its log)");
        }
    }

    /** Exponential from {@code retry-base-delay}, capped at {@code retry-max-delay}, ±20 % jitter. */
    Duration backoff(int attempts) {
        long base = config.retryBaseDelay().toMillis();
        double exponential = base * Math.pow(2, Math.min(attempts - 1, 40));
        double capped = Math.min(exponential, config.retryMaxDelay().toMillis());
        return Duration.ofMillis((long) (capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
    }

    /** The first KB of an answer as text (invalid UTF-8 replaced, NULs dropped: PostgreSQL text holds none). */
    static String text(byte[] body) {
        byte[] kept = Arrays.copyOf(body, Math.min(body.length, KEPT_RESPONSE_BYTES));
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(kept)).toString()
                    .replace("\u0000", "");
        } catch (java.nio.charset.CharacterCodingException e) {
            return "";
        }
    }

    private static int millisSince(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }
}
