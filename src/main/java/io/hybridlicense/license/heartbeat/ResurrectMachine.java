package io.hybridlicense.license.heartbeat;

import io.hybridlicense.license.api.MachineResurrected;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.hybridlicense.shared.UniqueViolation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Revives a culled license on a ping within the policy's resurrection window, with activation's seat
 * check: under the owner's subscription row lock ({@code FOR UPDATE}, which every activation and plan
 * change takes first), the live licenses are counted and the license made live again only if a seat is
 * free (403 {@code seat-limit-reached} otherwise), in one transaction with its audit entry
 * ({@link MachineResurrected}). Parallel resurrections of one user's machines queue on that lock, so they
 * never exceed the seats.
 */
@ApplicationScoped
class ResurrectMachine {

    private static final String LOCK_SUBSCRIPTION = "SELECT 1 FROM license.subscriptions WHERE user_id = ? FOR UPDATE";
    private static final String COUNT_LIVE =
            "SELECT count(*) FROM license.licenses WHERE user_id = ? AND status IN ('active', 'suspended')";
    private static final String REVIVE = """
            UPDATE license.licenses l SET status = 'active', culled_at = NULL, updated_at = now(), version = l.version + 1,
                   last_heartbeat_at = now(), heartbeat_deadline = now() + make_interval(secs => ?),
                   cull_at = now() + make_interval(secs => ?)
            WHERE l.id = ? AND l.status = 'deactivated' AND l.culled_at IS NOT NULL
            RETURNING l.version""";
    private static final String CLIENT_ID_TAKEN = "licenses_live_client_id_key";

    private final DataSource dataSource;
    private final Event<MachineResurrected> resurrected;

    ResurrectMachine(DataSource dataSource, Event<MachineResurrected> resurrected) {
        this.dataSource = dataSource;
        this.resurrected = resurrected;
    }

    /**
     * @param pingedBefore a ping read live at this time (database clock), whose write found the license culled: revived
     *                     if that was before its deadline, whatever the resurrection window; {@code null} otherwise
     * @return when the next ping is due
     */
    Instant revive(UUID licenseId, Instant pingedBefore) {
        Machines.Machine revived = QuarkusTransaction.requiringNew().call(() -> reviveIn(licenseId, pingedBefore));
        return revived.terms().nextBefore(revived.now());
    }

    private Machines.Machine reviveIn(UUID licenseId, Instant pingedBefore) throws SQLException {
        // a connection taken inside the transaction joins it: the audit entry commits or rolls back with it
        try (Connection connection = dataSource.getConnection()) {
            Machines.Machine machine = Machines.find(connection, licenseId, "")
                    .orElseThrow(() -> ProblemException.notFound("License " + licenseId));
            try (PreparedStatement lock = connection.prepareStatement(LOCK_SUBSCRIPTION)) {
                lock.setObject(1, machine.userId());
                lock.executeQuery().close();
            }
            machine = Machines.find(connection, licenseId, " FOR UPDATE OF l").orElseThrow();
            if (machine.live()) {
                return machine; // a parallel ping revived it first
            }
            boolean beforeDeadline = pingedBefore != null && machine.culledAt() != null && machine.deadline() != null
                    && pingedBefore.isBefore(machine.deadline());
            if (!beforeDeadline && !machine.terms().revivable(machine.culledAt(), machine.now())) {
                throw ProblemException.conflict("license-not-live",
                        "The license was deactivated for missing heartbeats and can no longer be revived; activate again");
            }
            long live = count(connection, machine.userId());
            if (live >= machine.terms().seats()) {
                throw new ProblemException(Problem.of(403, "seat-limit-reached", "Forbidden",
                        "The plan allows " + machine.terms().seats() + " active license(s), all in use; deactivate one to revive this one"));
            }
            long version = update(connection, licenseId, machine.terms());
            resurrected.fire(new MachineResurrected(licenseId, machine.userId(), version));
            return machine;
        }
    }

    private static long count(Connection connection, UUID userId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(COUNT_LIVE)) {
            count.setObject(1, userId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Active again, with the deadline of a ping now (the revival is its first ping). */
    private static long update(Connection connection, UUID licenseId, HeartbeatTerms terms) throws SQLException {
        try (PreparedStatement revive = connection.prepareStatement(REVIVE)) {
            long dead = terms.interval().plus(terms.grace() == null ? java.time.Duration.ZERO : terms.grace()).toSeconds();
            revive.setLong(1, dead);
            if (terms.cullAfter() == null) {
                revive.setNull(2, java.sql.Types.BIGINT);
            } else {
                revive.setLong(2, dead + terms.cullAfter().toSeconds());
            }
            revive.setObject(3, licenseId);
            try (ResultSet row = revive.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            if (UniqueViolation.of(e, CLIENT_ID_TAKEN)) {
                throw ProblemException.conflict("client-id-taken",
                        "This machine's client id is held by another live license; it cannot be revived");
            }
            throw e;
        }
    }
}
