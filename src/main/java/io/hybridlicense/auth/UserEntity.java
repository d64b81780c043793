package io.hybridlicense.auth;

import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.auth.api.PlanColumn;
import io.hybridlicense.auth.api.UserView;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(schema = "auth", name = "users")
class UserEntity extends PanacheEntityBase {

    @Id
    UUID id;
    @Column(nullable = false)
    String email;
    @Column(name = "password_hash", nullable = false)
    String passwordHash;
    @Convert(converter = PlanColumn.class)
    @Column(nullable = false)
    Plan plan;
    @Column(nullable = false)
    boolean admin;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    /** Raised only by the statements below, never through the entity. */
    @Column(name = "session_generation", nullable = false, insertable = false, updatable = false)
    long sessionGeneration;
    /** Set with a temporary password (an admin's), cleared when the user replaces it. */
    @Column(name = "must_change_password", nullable = false)
    boolean mustChangePassword;
    @Version
    long version;

    /** Uses the unique index on {@code lower(email)}. */
    static Optional<UserEntity> findByEmail(String email) {
        return find("lower(email) = ?1", normalize(email)).firstResultOptional();
    }

    /** Locks the rows of all admins (in id order, so that lockers never deadlock) and counts them. */
    static int lockAdmins() {
        return getEntityManager().createNativeQuery("SELECT id FROM auth.users WHERE admin ORDER BY id FOR UPDATE")
                .getResultList().size();
    }

    /** Raises the user's session generation and tells every instance, on commit; false for an unknown user. */
    static boolean endSessions(UUID id) {
        return getEntityManager().createNativeQuery(
                "UPDATE auth.users SET session_generation = session_generation + 1 WHERE id = ?1")
                .setParameter(1, id).executeUpdate() == 1 && notifySessionsEnded(id);
    }

    /** Replaces the password only if its hash is still {@code checkedHash}, ending every session with it. */
    static boolean changePassword(UUID id, String checkedHash, String newHash) {
        return getEntityManager().createNativeQuery("UPDATE auth.users SET password_hash = ?1, must_change_password = false, "
                        + "session_generation = session_generation + 1 WHERE id = ?2 AND password_hash = ?3")
                .setParameter(1, newHash).setParameter(2, id).setParameter(3, checkedHash).executeUpdate() == 1
                && notifySessionsEnded(id);
    }

    /** A temporary password, to be replaced at the next sign-in, ending every session; false for an unknown user. */
    static boolean setTemporaryPassword(UUID id, String hash) {
        return getEntityManager().createNativeQuery("UPDATE auth.users SET password_hash = ?1, must_change_password = true, "
                        + "session_generation = session_generation + 1 WHERE id = ?2")
                .setParameter(1, hash).setParameter(2, id).executeUpdate() == 1 && notifySessionsEnded(id);
    }

    private static boolean notifySessionsEnded(UUID id) {
        getEntityManager().createNativeQuery("SELECT count(*) FROM pg_notify(?1, ?2)")
                .setParameter(1, SessionGenerations.CHANNEL).setParameter(2, id.toString()).getSingleResult();
        return true;
    }

    static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    UserView toView() {
        Set<String> roles = admin ? Set.of(UserView.ROLE_USER, UserView.ROLE_ADMIN) : Set.of(UserView.ROLE_USER);
        return new UserView(id, email, plan, roles, createdAt);
    }
}
