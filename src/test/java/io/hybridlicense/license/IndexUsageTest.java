package io.hybridlicense.license;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Every lookup the API does can use an index. The test database is small, so the planner would rightly
 * prefer sequential scans; {@code enable_seqscan = off} asks whether an index path exists at all. The
 * plans are logged (and copied into docs/auth-and-license.md).
 */
@QuarkusTest
class IndexUsageTest {

    private static final Logger LOG = Logger.getLogger(IndexUsageTest.class);

    @Inject
    EntityManager em;

    @Test
    void userByEmail() {
        assertThat(plan("SELECT * FROM auth.users WHERE lower(email) = 'a@b.c'")).contains("users_email_key");
    }

    @Test
    void liveLicenseByClientId() {
        assertThat(plan("SELECT * FROM license.licenses WHERE client_id = 'm-1' AND status IN ('active', 'suspended')"))
                .contains("licenses_live_client_id_key");
    }

    @Test
    void seatsOfAUser() {
        assertThat(plan("SELECT count(*) FROM license.licenses WHERE user_id = '4f1c2b8e-0000-4000-8000-000000000001'"
                + " AND status IN ('active', 'suspended')")).contains("licenses_user_status_idx");
    }

    @Test
    void licensesOfAUser() {
        assertThat(plan("SELECT * FROM license.licenses WHERE user_id = '4f1c2b8e-0000-4000-8000-000000000001' ORDER BY created_at DESC"))
                .contains("licenses_user_status_idx");
    }

    @Test
    void dueLicenses() {
        assertThat(plan("""
                SELECT l.id FROM license.licenses l
                LEFT JOIN license.subscriptions s ON s.user_id = l.user_id
                LEFT JOIN license.plans pl ON pl.code = s.plan
                LEFT JOIN license.policies po ON po.id = pl.policy_id
                WHERE l.status IN ('active', 'suspended') AND l.expires_at <= now()
                  AND l.expires_at + make_interval(secs => coalesce(po.expiry_grace_seconds, 0)) <= now()
                ORDER BY l.expires_at LIMIT 500 FOR UPDATE OF l SKIP LOCKED""")).contains("licenses_expires_at_idx");
    }

    @Test
    void theBatchedValidationRead_reachesPoliciesAndGrants_byIndexes() {
        assertThat(plan("""
                SELECT l.id, l.client_id, l.status, l.expires_at, pl.policy_id, po.version,
                       ARRAY(SELECT e.code FROM license.license_entitlements e WHERE e.license_id = l.id) AS granted
                FROM license.licenses l
                LEFT JOIN license.subscriptions s ON s.user_id = l.user_id
                LEFT JOIN license.plans pl ON pl.code = s.plan
                LEFT JOIN license.policies po ON po.id = pl.policy_id
                WHERE l.id = ANY(ARRAY['4f1c2b8e-0000-4000-8000-000000000001']::uuid[])"""))
                .contains("licenses_pkey", "subscriptions_user_id_key", "plans_pkey", "policies_pkey", "license_entitlements_pkey");
    }

    @Test
    void dueMachines_theHeartbeatCull() {
        assertThat(plan("SELECT id, status FROM license.licenses WHERE status IN ('active', 'suspended') AND cull_at IS NOT NULL"
                + " AND cull_at <= now() - make_interval(secs => 5) ORDER BY cull_at LIMIT 500 FOR UPDATE SKIP LOCKED"))
                .contains("licenses_cull_at_idx");
    }

    @Test
    void licensesByIds_theBatchedValidationRead() {
        assertThat(plan("SELECT id, client_id, status, expires_at FROM license.licenses WHERE id = ANY("
                + "ARRAY['4f1c2b8e-0000-4000-8000-000000000001', '4f1c2b8e-0000-4000-8000-000000000002']::uuid[])"))
                .contains("licenses_pkey");
    }

    @Test
    void licenseById_andSubscriptionOfAUser() {
        assertThat(plan("SELECT * FROM license.licenses WHERE id = '4f1c2b8e-0000-4000-8000-000000000001'")).contains("licenses_pkey");
        assertThat(plan("SELECT * FROM license.subscriptions WHERE user_id = '4f1c2b8e-0000-4000-8000-000000000001'"))
                .contains("subscriptions_user_id_key");
        assertThat(plan("SELECT id FROM license.subscriptions WHERE status = 'active' AND renews_at <= now()"
                + " ORDER BY renews_at LIMIT 500")).contains("subscriptions_renews_at_idx");
    }

    @SuppressWarnings("unchecked")
    private String plan(String query) {
        String plan = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate();
            List<Object> rows = em.createNativeQuery("EXPLAIN " + query).getResultList();
            return rows.stream().map(Object::toString).collect(Collectors.joining("\n"));
        });
        LOG.infof("EXPLAIN %s%n%s", query, plan);
        return plan;
    }
}
