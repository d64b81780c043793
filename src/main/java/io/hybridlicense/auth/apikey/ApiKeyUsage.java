package io.hybridlicense.auth.apikey;

import io.hybridlicense.auth.AuthConfig;
import io.hybridlicense.shared.Clock;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Keys' last use, as license validations record theirs: a request only notes the key's id and time in
 * memory (one entry per key: keys are few), and a job writes them all in one statement every
 * {@code hl.auth.api-keys.last-used-every}, never going back in time. A crash loses at most one
 * interval of these informational times; a write that fails keeps them for the next round.
 */
@ApplicationScoped
class ApiKeyUsage {

    private static final Logger LOG = Logger.getLogger(ApiKeyUsage.class);
    private static final String UPDATE = """
            UPDATE auth.api_keys k SET last_used_at = v.at
            FROM unnest(?::uuid[], ?::timestamptz[]) AS v(id, at)
            WHERE k.id = v.id AND (k.last_used_at IS NULL OR k.last_used_at < v.at)""";
    private static final int WRITE_TIMEOUT_SECONDS = 10;

    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
    private final DataSource dataSource;
    private final Clock clock;
    private final long cacheSize;

    ApiKeyUsage(DataSource dataSource, Clock clock, AuthConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.cacheSize = config.apiKeys().cacheSize();
    }

    void noteUsed(UUID keyId) {
        Instant now = clock.now();
        if (pending.size() < cacheSize || pending.containsKey(keyId)) {
            pending.merge(keyId, now, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    int pendingCount() {
        return pending.size();
    }

    @Scheduled(every = "${hl.auth.api-keys.last-used-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void record() {
        if (pending.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(pending.keySet());
        List<OffsetDateTime> times = new ArrayList<>(ids.size());
        List<Instant> taken = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            Instant at = pending.get(id);
            taken.add(at);
            times.add(OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setQueryTimeout(WRITE_TIMEOUT_SECONDS);
            update.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            update.setArray(2, connection.createArrayOf("timestamptz", times.toArray()));
            update.executeUpdate();
            for (int i = 0; i < ids.size(); i++) {
                pending.remove(ids.get(i), taken.get(i)); // a newer use noted meanwhile stays for the next round
            }
        } catch (SQLException e) {
            LOG.warnf("Could not record the last use of %d API keys (%s); trying again next round", ids.size(), e.getMessage());
        }
    }
}
