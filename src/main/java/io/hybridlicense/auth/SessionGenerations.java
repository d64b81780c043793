package io.hybridlicense.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hybridlicense.auth.api.SessionsEnded;
import io.hybridlicense.shared.IdCacheNotices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Each user's session generation ({@code auth.users.session_generation}): signing out, being signed out
 * by an admin and changing the password raise it, and an access token carrying a lower one ({@code sgen})
 * is refused. A generation, not a time: a token issued in the same second as a sign-out is refused, and
 * one issued right after it is not.
 *
 * <p>Checked on every authenticated request without a query: the generations are cached (bounded), and
 * the transaction that raises one notifies every instance ({@code NOTIFY hl_auth_sessions}, delivered on
 * commit), which drops that user's entry. While this instance is not listening (before the first
 * connection, after a lost one) it may miss notices, so it reads the database on every check instead,
 * and empties the cache when it listens again. Entries are also re-read after
 * {@code hl.auth.tokens.session-recheck}, a bound on staleness should a notice be lost anyway.
 */
@ApplicationScoped
class SessionGenerations implements IdCacheNotices {

    static final String CHANNEL = "hl_auth_sessions";

    private static final String READ = "SELECT session_generation FROM auth.users WHERE id = ?";
    /** A read on the request path is bounded: a stuck database must not hold the request's thread for long. */
    private static final int READ_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final Cache<UUID, Long> generations;
    private final AtomicLong reads = new AtomicLong();
    private volatile boolean listening;

    SessionGenerations(DataSource dataSource, AuthConfig config) {
        this.dataSource = dataSource;
        this.generations = Caffeine.newBuilder()
                .maximumSize(config.tokens().sessionCacheSize())
                .expireAfterWrite(config.tokens().sessionRecheck())
                .build();
    }

    /** Whether a token of {@code userId} carrying {@code generation} is still valid. */
    boolean isCurrent(UUID userId, long generation) {
        return generation >= current(userId);
    }

    /** The user's generation; {@link Long#MAX_VALUE} for a user who no longer exists (all tokens refused). */
    long current(UUID userId) {
        if (!listening) {
            return stored(userId);
        }
        return generations.get(userId, this::stored);
    }

    /** Whether notices are heard, so that the cache is trusted. */
    boolean listening() {
        return listening;
    }

    /** How often the database was read: what the cache saves, for tests and metrics. */
    long reads() {
        return reads.get();
    }

    /** This instance's own changes take effect here at once, without waiting for the notice. */
    void onEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionsEnded event) {
        generations.invalidate(event.userId());
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void forget(UUID userId) {
        generations.invalidate(userId);
    }

    @Override
    public void forgetAll() {
        generations.invalidateAll();
    }

    @Override
    public void onListening() {
        listening = true;
        forgetAll();
    }

    @Override
    public void onNotListening() {
        listening = false;
        forgetAll();
    }

    /** The generation as stored now, never from memory (nor from a persistence context). */
    long stored(UUID userId) {
        reads.incrementAndGet();
        try (Connection connection = dataSource.getConnection(); PreparedStatement read = connection.prepareStatement(READ)) {
            read.setQueryTimeout(READ_TIMEOUT_SECONDS);
            read.setObject(1, userId);
            try (ResultSet row = read.executeQuery()) {
                return row.next() ? row.getLong(1) : Long.MAX_VALUE;
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not read the session generation", e);
        }
    }
}
