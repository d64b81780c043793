package io.hybridlicense.license.policy;

import io.hybridlicense.license.api.PolicyChanged;
import io.hybridlicense.license.domain.Policy;
import io.hybridlicense.shared.IdCacheNotices;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The policies validation applies, in memory: validation's one batched read gives each license's policy
 * id and that policy's current version, and the policy comes from here, read again (one query, on the
 * reactive client) only when the cached one is older than that version. So a policy change is applied by
 * the very next validation on every instance, even before the notice of it arrives, and a validation sees
 * one whole version of a policy (an immutable value read in one statement), never a mix of two. Every
 * change also notifies all instances ({@code NOTIFY hl_license_policies}, delivered on commit), which
 * drop the entry; so does this instance's own change once committed.
 */
@ApplicationScoped
public class PolicyCache implements IdCacheNotices {

    static final String CHANNEL = "hl_license_policies";

    private static final String SELECT = """
            SELECT id, name, max_seats, duration_seconds, expiry_grace_seconds, offline_ttl_seconds,
                   heartbeat_interval_seconds, heartbeat_grace_seconds, cull_after_seconds, resurrect_within_seconds,
                   version, ARRAY(SELECT e.code FROM license.policy_entitlements e WHERE e.policy_id = p.id) AS codes
            FROM license.policies p WHERE id = $1""";

    private final Pool pool;
    private final Map<UUID, Policy> policies = new ConcurrentHashMap<>();
    private final Map<UUID, Future<Policy>> loading = new ConcurrentHashMap<>();
    private final AtomicLong reads = new AtomicLong();

    PolicyCache(Pool pool) {
        this.pool = pool;
    }

    /** The policy at {@code version} or later; {@code null} when it no longer exists. */
    public Future<Policy> get(UUID id, long version) {
        Policy cached = policies.get(id);
        if (cached != null && cached.version() >= version) {
            return Future.succeededFuture(cached);
        }
        // reads already out for the same policy are shared; one that answers an older version is not enough
        return loading.computeIfAbsent(id, this::load)
                .compose(read -> read == null || read.version() >= version ? Future.succeededFuture(read) : load(id));
    }

    /** Policy reads sent so far (tests: what the cache saves). */
    public long reads() {
        return reads.get();
    }

    private Future<Policy> load(UUID id) {
        reads.incrementAndGet();
        return pool.preparedQuery(SELECT).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                policies.remove(id);
                return (Policy) null;
            }
            Policy read = of(rows.iterator().next());
            return policies.merge(id, read, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
        }).andThen(ignored -> loading.remove(id));
    }

    private static Policy of(Row row) {
        String[] codes = row.getArrayOfStrings("codes");
        Policy.Heartbeat heartbeat = Policy.Heartbeat.ofSeconds(row.getLong("heartbeat_interval_seconds"),
                row.getLong("heartbeat_grace_seconds"), row.getLong("cull_after_seconds"), row.getLong("resurrect_within_seconds"));
        return new Policy(row.getUUID("id"), row.getString("name"), row.getInteger("max_seats"),
                Duration.ofSeconds(row.getLong("duration_seconds")), Duration.ofSeconds(row.getLong("expiry_grace_seconds")),
                Duration.ofSeconds(row.getLong("offline_ttl_seconds")), heartbeat,
                new TreeSet<>(Arrays.asList(codes == null ? new String[0] : codes)), row.getLong("version"));
    }

    /** Sends the notice inside the changing transaction: PostgreSQL delivers it on commit, never on rollback. */
    static void notifyChanged(EntityManager entityManager, UUID policyId) {
        entityManager.createNativeQuery("SELECT pg_notify(:channel, :id)")
                .setParameter("channel", CHANNEL).setParameter("id", policyId.toString()).getSingleResult();
    }

    void onChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PolicyChanged event) {
        policies.remove(event.policyId());
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void forget(UUID policyId) {
        policies.remove(policyId);
    }

    @Override
    public void forgetAll() {
        policies.clear();
    }
}
