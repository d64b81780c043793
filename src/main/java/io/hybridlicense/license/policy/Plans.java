package io.hybridlicense.license.policy;

import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.auth.api.PlanCatalogue;
import io.hybridlicense.license.api.PlanChanged;
import io.hybridlicense.license.domain.SeatPolicy;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The plan catalogue: each plan names a policy; one is the default that self-registration starts on.
 * Moving a plan to a policy with fewer seats takes the plan's row lock (activations read it {@code FOR
 * SHARE}), so the live count checked here cannot grow before the commit.
 */
@ApplicationScoped
public class Plans implements PlanCatalogue {

    private final EntityManager entityManager;
    private final Clock clock;
    private final Event<PlanChanged> changed;

    Plans(EntityManager entityManager, Clock clock, Event<PlanChanged> changed) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.changed = changed;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Plan defaultPlan() {
        return PlanEntity.<PlanEntity>find("isDefault", true).firstResultOptional()
                .map(plan -> Plan.of(plan.code)).orElse(Plan.FREE);
    }

    /** The catalogue's codes, sorted. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> codes() {
        return PlanEntity.<PlanEntity>list("order by code").stream().map(plan -> plan.code).toList();
    }

    /** Whether the catalogue has the plan. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean exists(Plan plan) {
        return PlanEntity.findById(plan.wireName()) != null;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    List<PolicyResponses.PlanView> list() {
        List<?> rows = entityManager.createNativeQuery("""
                SELECT pl.code, pl.policy_id, po.name, pl.is_default, pl.version,
                       (SELECT count(*) FROM license.subscriptions s WHERE s.plan = pl.code)
                FROM license.plans pl JOIN license.policies po ON po.id = pl.policy_id ORDER BY pl.code""").getResultList();
        List<PolicyResponses.PlanView> views = new ArrayList<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            views.add(new PolicyResponses.PlanView((String) c[0], (UUID) c[1], (String) c[2], (Boolean) c[3],
                    ((Number) c[4]).longValue(), ((Number) c[5]).longValue()));
        }
        return views;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    PolicyResponses.PlanView find(String code) {
        return list().stream().filter(plan -> plan.code().equals(code)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("The plan"));
    }

    @Transactional
    PolicyResponses.PlanView create(String code, UUID policyId, boolean isDefault, UUID actorId) {
        requirePolicy(policyId);
        if (PlanEntity.findById(code, LockModeType.PESSIMISTIC_WRITE) != null) {
            throw ProblemException.conflict("plan-exists", "The catalogue already has this plan");
        }
        PlanEntity plan = new PlanEntity();
        plan.code = code;
        plan.policyId = policyId;
        plan.createdAt = clock.now();
        if (isDefault) {
            clearDefault();
        }
        plan.isDefault = isDefault;
        plan.persistAndFlush();
        changed.fire(new PlanChanged(code, "created", policyId, isDefault, actorId));
        return find(code);
    }

    @Transactional
    PolicyResponses.PlanView update(String code, OptionalLong expectedVersion, UUID policyId, Boolean isDefault, UUID actorId) {
        PlanEntity plan = existing(code);
        Versions.check(plan.version, expectedVersion, "plan");
        requirePolicy(policyId);
        if (!plan.policyId.equals(policyId)) {
            int seats = ((Number) entityManager.createNativeQuery(
                            "SELECT max_seats FROM license.policies WHERE id = :id FOR SHARE")
                    .setParameter("id", policyId).getSingleResult()).intValue();
            long live = mostLiveOnPlan(code);
            if (!SeatPolicy.fits(seats, live)) {
                throw new ProblemException(Problem.of(409, "seats-below-live-count", "Conflict",
                        "A user on this plan has " + live + " active license(s), more than the policy's " + seats
                                + " seat(s); deactivate some first"));
            }
            plan.policyId = policyId;
        }
        if (isDefault != null && isDefault != plan.isDefault) {
            if (!isDefault) {
                throw ProblemException.conflict("default-plan-required",
                        "One plan is the default; make another plan the default instead");
            }
            clearDefault();
            plan.isDefault = true;
        }
        entityManager.flush();
        changed.fire(new PlanChanged(code, "updated", plan.policyId, plan.isDefault, actorId));
        return find(code);
    }

    @Transactional
    void delete(String code, OptionalLong expectedVersion, UUID actorId) {
        PlanEntity plan = existing(code);
        Versions.check(plan.version, expectedVersion, "plan");
        if (plan.isDefault) {
            throw ProblemException.conflict("plan-in-use", "The default plan cannot be deleted; make another plan the default first");
        }
        long users = ((Number) entityManager.createNativeQuery("SELECT count(*) FROM license.subscriptions WHERE plan = :code")
                .setParameter("code", code).getSingleResult()).longValue();
        if (users > 0) {
            throw ProblemException.conflict("plan-in-use", users + " user(s) are on this plan; move them to another plan first");
        }
        plan.delete();
        changed.fire(new PlanChanged(code, "deleted", null, false, actorId));
    }

    private void clearDefault() {
        entityManager.createNativeQuery("UPDATE license.plans SET is_default = false, version = version + 1 WHERE is_default")
                .executeUpdate();
    }

    private long mostLiveOnPlan(String code) {
        List<?> counts = entityManager.createNativeQuery("""
                        SELECT count(*) FROM license.licenses l JOIN license.subscriptions s ON s.user_id = l.user_id
                        WHERE s.plan = :code AND l.status IN ('active', 'suspended')
                        GROUP BY l.user_id ORDER BY 1 DESC LIMIT 1""")
                .setParameter("code", code).getResultList();
        return counts.isEmpty() ? 0 : ((Number) counts.get(0)).longValue();
    }

    private static void requirePolicy(UUID policyId) {
        if (PolicyEntity.findById(policyId) == null) {
            throw new ProblemException(Problem.of(422, "unknown-policy", "Unprocessable Content", "The policy does not exist")
                    .withErrors(List.of(new Problem.FieldError("policyId", "must name an existing policy"))));
        }
    }

    private static PlanEntity existing(String code) {
        PlanEntity plan = PlanEntity.findById(code, LockModeType.PESSIMISTIC_WRITE);
        if (plan == null) {
            throw ProblemException.notFound("The plan");
        }
        return plan;
    }
}
