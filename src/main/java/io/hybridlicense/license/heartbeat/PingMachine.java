package io.hybridlicense.license.heartbeat;

import io.hybridlicense.auth.api.VerifiedToken;
import io.hybridlicense.license.LicenseTokens;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A machine's heartbeat, authenticated by its license token. One read of the license with its policy's
 * terms; then, for a live license whose stored deadline is far off, the ping only waits in memory
 * ({@link HeartbeatRecorder}); nearer its deadline, past it, or when memory is full, it is written before
 * the answer. A culled license within the resurrection window is revived ({@link ResurrectMachine}).
 * The event-loop route reads the license on the reactive client instead and takes the common ping
 * without blocking ({@link #onEventLoop}).
 */
@ApplicationScoped
class PingMachine {

    private final LicenseTokens tokens;
    private final Machines machines;
    private final HeartbeatRecorder recorder;
    private final ResurrectMachine resurrection;
    private final LiveMachines liveMachines;
    private final Vertx vertx;
    private final Duration syncMargin;

    PingMachine(LicenseTokens tokens, Machines machines, HeartbeatRecorder recorder, ResurrectMachine resurrection,
                LiveMachines liveMachines, Vertx vertx, HeartbeatConfig config) {
        this.tokens = tokens;
        this.machines = machines;
        this.liveMachines = liveMachines;
        this.vertx = vertx;
        this.recorder = recorder;
        this.resurrection = resurrection;
        this.syncMargin = config.syncMargin();
    }

    /**
     * The event loop's ping: the common one (live, far from its deadline) is read with the others arriving
     * at once ({@link LiveMachines}) and noted in memory there; any other takes {@link #ping} on a worker.
     */
    Future<Instant> onEventLoop(String token) {
        UUID licenseId;
        try {
            licenseId = licenseOf(token);
        } catch (ProblemException refused) {
            return Future.failedFuture(refused);
        }
        return liveMachines.find(licenseId).compose(machine -> {
            Instant nextBefore = machine == null ? null : noted(licenseId, machine);
            return nextBefore != null ? Future.succeededFuture(nextBefore)
                    : vertx.executeBlocking(() -> ping(licenseId), false);
        });
    }

    /** @return when the next ping is due */
    Instant ping(String token) {
        return ping(licenseOf(token));
    }

    private Instant ping(UUID licenseId) {
        Machines.Machine machine = find(licenseId);
        if (!machine.terms().required()) {
            throw ProblemException.conflict("heartbeat-not-required",
                    "This license's policy requires no heartbeat");
        }
        if (machine.live()) {
            Instant nextBefore = noted(licenseId, machine);
            if (nextBefore != null) {
                return nextBefore;
            }
            if (write(licenseId)) {
                return machine.terms().nextBefore(machine.now());
            }
            // culled (or ended) between the read and the write: a ping read before its deadline undoes a cull
            Instant pingedAt = machine.now();
            machine = find(licenseId);
            if (machine.culledAt() != null && machine.deadline() != null && pingedAt.isBefore(machine.deadline())) {
                return resurrection.revive(licenseId, pingedAt);
            }
        }
        if (machine.terms().revivable(machine.culledAt(), machine.now())) {
            return resurrection.revive(licenseId, null);
        }
        throw ProblemException.conflict("license-not-live", machine.culledAt() != null
                ? "The license was deactivated for missing heartbeats and can no longer be revived; activate again"
                : "The license is " + machine.status().wireName() + "; a heartbeat does not revive it");
    }

    /** When the next ping is due, if this one only needs noting in memory (stored deadline far off); else {@code null}. */
    private Instant noted(UUID licenseId, Machines.Machine machine) {
        if (machine.terms().required() && machine.live() && machine.deadline() != null
                && machine.deadline().isAfter(machine.now().plus(syncMargin)) && recorder.note(licenseId, machine.now())) {
            return machine.terms().nextBefore(machine.now());
        }
        return null;
    }

    private UUID licenseOf(String token) {
        VerifiedToken verified = tokens.verify(token);
        if (verified.state() != VerifiedToken.State.INVALID) {
            try {
                String id = verified.claim(LicenseTokens.LICENSE_ID);
                if (id != null) {
                    return UUID.fromString(id);
                }
            } catch (IllegalArgumentException ignored) {
                // a signed token without a license id is no license token
            }
        }
        throw new ProblemException(Problem.of(401, "invalid-token", "Unauthorized",
                "The license token is not valid (signature, audience or form)"));
    }

    private Machines.Machine find(UUID licenseId) {
        return machines.find(licenseId).orElseThrow(() -> ProblemException.notFound("License " + licenseId));
    }

    private boolean write(UUID licenseId) {
        try {
            return recorder.writeNow(licenseId);
        } catch (SQLTimeoutException e) {
            throw busy();
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState())) { // query_canceled: the statement timeout
                throw busy();
            }
            throw new IllegalStateException("Could not record a heartbeat", e);
        }
    }

    private static ProblemException busy() {
        return new ProblemException(Problem.of(503, "server-busy", "Service Unavailable",
                "The heartbeat could not be recorded in time; send it again"), Map.of("Retry-After", "1"));
    }
}
