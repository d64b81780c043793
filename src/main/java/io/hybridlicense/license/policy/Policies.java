package io.hybridlicense.license.policy;

import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.license.api.PolicyChanged;
import io.hybridlicense.license.api.PolicyTerms;
import io.hybridlicense.license.api.PolicyView;
import io.hybridlicense.license.domain.Policy;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.hybridlicense.shared.UniqueViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The policies: admins' changes (versioned, audited through {@link PolicyChanged} in the same
 * transaction, announced to every instance's {@link PolicyCache} by {@code NOTIFY} on commit), and the
 * terms the rest of the module reads. Lowering the seats takes the policy's row lock: activations and plan
 * changes read the policy {@code FOR SHARE}, so the live count checked here cannot grow before the commit.
 */
@ApplicationScoped
public class Policies {

    private final EntityManager entityManager;
    private final Clock clock;
    private final Event<PolicyChanged> changed;

    Policies(EntityManager entityManager, Clock clock, Event<PolicyChanged> changed) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.changed = changed;
    }

    /**
     * The policy of a plan, its plan and policy rows held {@code FOR SHARE} until the transaction ends: a
     * policy edit or a plan moved to another policy waits for this transaction, and it for them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Policy lockedOf(Plan plan) {
        List<?> ids = entityManager.createNativeQuery("""
                        SELECT po.id FROM license.plans pl JOIN license.policies po ON po.id = pl.policy_id
                        WHERE pl.code = :plan FOR SHARE""", UUID.class)
                .setParameter("plan", plan.wireName()).getResultList();
        if (ids.isEmpty()) {
            throw new IllegalStateException("Plan " + plan + " is not in the catalogue");
        }
        PolicyEntity policy = entityManager.find(PolicyEntity.class, ids.get(0));
        entityManager.refresh(policy);
        return policy.toPolicy();
    }

    /** The policy of a plan as stored now, without a lock. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Policy of(Plan plan) {
        PlanEntity row = PlanEntity.findById(plan.wireName());
        if (row == null) {
            throw new IllegalStateException("Plan " + plan + " is not in the catalogue");
        }
        return PolicyEntity.<PolicyEntity>findById(row.policyId).toPolicy();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PolicyView> list() {
        return PolicyEntity.<PolicyEntity>listAll().stream()
                .sorted(java.util.Comparator.comparing((PolicyEntity p) -> p.name))
                .map(this::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PolicyView find(UUID id) {
        return view(existing(id, LockModeType.NONE));
    }

    @Transactional
    PolicyView create(PolicyRequests.Terms terms, UUID actorId) {
        Entitlements.requireKnown(terms.entitlements());
        PolicyEntity policy = new PolicyEntity();
        policy.id = UUID.randomUUID();
        policy.createdAt = clock.now();
        apply(policy, terms);
        try {
            policy.persistAndFlush();
        } catch (PersistenceException e) {
            throw nameTaken(e);
        }
        announce(policy, "created", actorId);
        return view(policy);
    }

    @Transactional
    PolicyView update(UUID id, OptionalLong expectedVersion, PolicyRequests.Terms terms, UUID actorId) {
        PolicyEntity policy = existing(id, LockModeType.PESSIMISTIC_WRITE);
        Versions.check(policy.version, expectedVersion, "policy");
        Entitlements.requireKnown(terms.entitlements());
        if (terms.seats() < policy.maxSeats) {
            long live = mostLiveOfOneUser(id);
            if (live > terms.seats()) {
                throw new ProblemException(Problem.of(409, "seats-below-live-count", "Conflict",
                        "A user under this policy has " + live + " active license(s), more than " + terms.seats()
                                + " seat(s); deactivate some first"));
            }
        }
        apply(policy, terms);
        try {
            entityManager.flush();
        } catch (PersistenceException e) {
            throw nameTaken(e);
        }
        announce(policy, "updated", actorId);
        return view(policy);
    }

    /** The console's edit: the terms an admin sees there, the heartbeat settings kept as they are. */
    @Transactional
    public PolicyView change(UUID id, long expectedVersion, PolicyTerms edited, UUID actorId) {
        PolicyView current = find(id);
        PolicyRequests.PolicyBody body = new PolicyRequests.PolicyBody(edited.name(), edited.seats(), edited.duration(),
                edited.expiryGrace(), edited.offlineTtl(), current.heartbeatInterval(), current.heartbeatGrace(),
                current.cullAfter(), current.resurrectWithin(), edited.entitlements());
        return update(id, OptionalLong.of(expectedVersion), body.terms(), actorId);
    }

    @Transactional
    void delete(UUID id, OptionalLong expectedVersion, UUID actorId) {
        PolicyEntity policy = existing(id, LockModeType.PESSIMISTIC_WRITE);
        Versions.check(policy.version, expectedVersion, "policy");
        List<String> plans = plansOf(id);
        if (!plans.isEmpty()) {
            throw ProblemException.conflict("policy-in-use", "The policy is used by " + plans.size()
                    + " plan(s); move them to another policy first");
        }
        announce(policy, "deleted", actorId);
        policy.delete();
    }

    private void apply(PolicyEntity policy, PolicyRequests.Terms terms) {
        policy.name = terms.name();
        policy.maxSeats = terms.seats();
        policy.durationSeconds = terms.duration().getSeconds();
        policy.expiryGraceSeconds = terms.expiryGrace().getSeconds();
        policy.offlineTtlSeconds = terms.offlineTtl().getSeconds();
        policy.heartbeatIntervalSeconds = seconds(terms.heartbeatInterval());
        policy.heartbeatGraceSeconds = seconds(terms.heartbeatGrace());
        policy.cullAfterSeconds = seconds(terms.cullAfter());
        policy.resurrectWithinSeconds = seconds(terms.resurrectWithin());
        if (!policy.entitlements.equals(terms.entitlements())) {
            policy.entitlements.clear();
            policy.entitlements.addAll(terms.entitlements());
        }
        policy.updatedAt = clock.now();
    }

    /** Audited in this transaction; every instance's cache hears of it once it commits. */
    private void announce(PolicyEntity policy, String change, UUID actorId) {
        entityManager.flush();
        Policy terms = policy.toPolicy();
        Map<String, Object> details = new HashMap<>();
        details.put("name", terms.name());
        details.put("seats", terms.seats());
        details.put("duration", PolicyResponses.iso(terms.duration()));
        details.put("expiryGrace", PolicyResponses.iso(terms.expiryGrace()));
        details.put("offlineTtl", PolicyResponses.iso(terms.offlineTtl()));
        details.put("entitlements", List.copyOf(terms.entitlements()));
        changed.fire(new PolicyChanged(policy.id, change, policy.version, details, actorId));
        PolicyCache.notifyChanged(entityManager, policy.id);
    }

    private long mostLiveOfOneUser(UUID policyId) {
        List<?> counts = entityManager.createNativeQuery("""
                        SELECT count(*) FROM license.licenses l
                        JOIN license.subscriptions s ON s.user_id = l.user_id
                        JOIN license.plans pl ON pl.code = s.plan
                        WHERE pl.policy_id = :policy AND l.status IN ('active', 'suspended')
                        GROUP BY l.user_id ORDER BY 1 DESC LIMIT 1""", Long.class)
                .setParameter("policy", policyId).getResultList();
        return counts.isEmpty() ? 0 : ((Number) counts.get(0)).longValue();
    }

    List<String> plansOf(UUID policyId) {
        return PlanEntity.<PlanEntity>list("policyId = ?1 order by code", policyId).stream().map(p -> p.code).toList();
    }

    /** Live licenses under the policy, from the seat counts the database keeps per plan (no scan). */
    private long liveLicenses(List<String> plans) {
        if (plans.isEmpty()) {
            return 0;
        }
        Object sum = entityManager.createNativeQuery(
                        "SELECT coalesce(sum(seats), 0) FROM license.seat_report WHERE plan IN (:plans)")
                .setParameter("plans", plans).getSingleResult();
        return ((Number) sum).longValue();
    }

    private PolicyView view(PolicyEntity policy) {
        List<String> plans = plansOf(policy.id);
        return PolicyResponses.policyView(policy.toPolicy(), plans, liveLicenses(plans));
    }

    private static PolicyEntity existing(UUID id, LockModeType lock) {
        PolicyEntity policy = PolicyEntity.findById(id, lock);
        if (policy == null) {
            throw ProblemException.notFound("The policy");
        }
        return policy;
    }

    private static ProblemException nameTaken(PersistenceException e) {
        if (UniqueViolation.of(e, "policies_name_key")) {
            return ProblemException.conflict("policy-name-taken", "Another policy has this name");
        }
        throw e;
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.getSeconds();
    }
}
