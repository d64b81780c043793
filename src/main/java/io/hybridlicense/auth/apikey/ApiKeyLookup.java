package io.hybridlicense.auth.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hybridlicense.auth.AuthConfig;
import io.hybridlicense.auth.api.AdminRoleChanged;
import io.hybridlicense.auth.api.ApiKeyRevoked;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.shared.NoticeSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Keys by prefix for the request path, as {@code SessionGenerations} keeps session generations: cached
 * (bounded), and dropped on every instance when one is revoked ({@code NOTIFY hl_auth_api_keys} with the
 * prefix, delivered on commit) or an admin role changes (payload {@code *}: every entry, since back-office
 * keys carry their owner's role). A load running while a key is revoked cannot leave the old row behind:
 * Caffeine's invalidation waits for the load of that key and removes what it stored. While this instance
 * is not listening it reads the database on every request. Unknown prefixes are never cached, so a new
 * key works at once everywhere. Entries are read again after {@code hl.auth.api-keys.recheck} whatever
 * happens.
 */
@ApplicationScoped
class ApiKeyLookup implements NoticeSubscriber {

    static final String CHANNEL = "hl_auth_api_keys";
    static final String EVERY_KEY = "*";

    private static final String READ = """
            SELECT k.id, k.owner_id, k.prefix, k.secret_hash, k.kind, k.scopes, k.expires_at, k.revoked_at IS NOT NULL,
                   u.admin
            FROM auth.api_keys k JOIN auth.users u ON u.id = k.owner_id
            WHERE k.prefix = ?""";
    private static final int READ_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final Cache<String, StoredKey> keys;
    private final AtomicLong reads = new AtomicLong();
    private volatile boolean listening;

    ApiKeyLookup(DataSource dataSource, AuthConfig config) {
        this.dataSource = dataSource;
        this.keys = Caffeine.newBuilder()
                .maximumSize(config.apiKeys().cacheSize())
                .expireAfterWrite(config.apiKeys().recheck())
                .build();
    }

    Optional<StoredKey> byPrefix(String prefix) {
        if (!listening) {
            return stored(prefix);
        }
        return Optional.ofNullable(keys.get(prefix, p -> stored(p).orElse(null)));
    }

    /** Whether notices are heard, so that the cache is trusted. */
    boolean listening() {
        return listening;
    }

    /** How often the database was read (tests). */
    long reads() {
        return reads.get();
    }

    /** Tells every instance, on commit, that the key changed; called inside the revoking transaction. */
    static void announce(EntityManager entityManager, String prefix) {
        entityManager.createNativeQuery("SELECT count(*) FROM pg_notify(?1, ?2)")
                .setParameter(1, CHANNEL).setParameter(2, prefix).getSingleResult();
    }

    void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApiKeyRevoked event) {
        keys.invalidate(event.prefix());
    }

    /** A back-office key carries its owner's admin role: every instance forgets every key, on commit. */
    void announceRoleChange(@Observes AdminRoleChanged event) {
        announce(ApiKeyEntity.getEntityManager(), EVERY_KEY);
    }

    void onRoleChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AdminRoleChanged event) {
        keys.invalidateAll();
    }

    @Override
    public Set<String> channels() {
        return Set.of(CHANNEL);
    }

    @Override
    public void onNotice(String channel, String payload) {
        if (EVERY_KEY.equals(payload)) {
            keys.invalidateAll();
        } else if (payload != null && payload.length() == ApiKeySecrets.PREFIX_LENGTH) {
            keys.invalidate(payload);
        }
    }

    @Override
    public void onListening() {
        listening = true;
        keys.invalidateAll();
    }

    @Override
    public void onNotListening() {
        listening = false;
        keys.invalidateAll();
    }

    private Optional<StoredKey> stored(String prefix) {
        reads.incrementAndGet();
        try (Connection connection = dataSource.getConnection(); PreparedStatement read = connection.prepareStatement(READ)) {
            read.setQueryTimeout(READ_TIMEOUT_SECONDS);
            read.setString(1, prefix);
            try (ResultSet row = read.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Timestamp expires = row.getTimestamp(7);
                return Optional.of(new StoredKey(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                        row.getBytes(4), ApiKeyEntity.ADMIN.equals(row.getString(5)), scopes(row.getArray(6)),
                        expires == null ? null : expires.toInstant(), row.getBoolean(8), row.getBoolean(9)));
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not read an API key", e);
        }
    }

    private static Set<ApiScope> scopes(Array array) throws SQLException {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (Object name : (Object[]) array.getArray()) {
            ApiScope.of((String) name).ifPresent(scopes::add);
        }
        return scopes;
    }
}
