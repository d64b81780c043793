package io.hybridlicense.license.policy;

import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.license.api.EntitlementChanged;
import io.hybridlicense.license.domain.Policy;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/** The entitlement catalogue, and the codes granted to single licenses on top of their policy's. */
@ApplicationScoped
public class Entitlements {

    private final EntityManager entityManager;
    private final Clock clock;
    private final Event<EntitlementChanged> changed;
    private final Policies policies;

    Entitlements(EntityManager entityManager, Clock clock, Event<EntitlementChanged> changed, Policies policies) {
        this.policies = policies;
        this.entityManager = entityManager;
        this.clock = clock;
        this.changed = changed;
    }

    /** A license's plan, its policy now, the codes granted to it, and its effective entitlements (both). */
    public record LicenseTerms(Plan plan, Policy policy, SortedSet<String> granted, SortedSet<String> entitlements) {
    }

    /** The terms of an existing license as stored now; empty when there is no such license. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<LicenseTerms> termsOf(UUID licenseId) {
        List<?> plans = entityManager.createNativeQuery("""
                        SELECT s.plan FROM license.licenses l JOIN license.subscriptions s ON s.user_id = l.user_id
                        WHERE l.id = :license""", String.class)
                .setParameter("license", licenseId).getResultList();
        if (plans.isEmpty()) {
            return Optional.empty();
        }
        Plan plan = Plan.of((String) plans.get(0));
        Policy policy = policies.of(plan);
        SortedSet<String> granted = grantedTo(licenseId);
        return Optional.of(new LicenseTerms(plan, policy, granted, policy.effectiveEntitlements(granted)));
    }

    /** The codes granted to one license on top of its policy's, sorted. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SortedSet<String> grantedTo(UUID licenseId) {
        List<?> codes = entityManager.createNativeQuery(
                        "SELECT code FROM license.license_entitlements WHERE license_id = :license ORDER BY code", String.class)
                .setParameter("license", licenseId).getResultList();
        SortedSet<String> granted = new TreeSet<>();
        codes.forEach(code -> granted.add((String) code));
        return granted;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    List<PolicyResponses.EntitlementView> list() {
        List<?> rows = entityManager.createNativeQuery("""
                SELECT e.code,
                       (SELECT count(*) FROM license.policy_entitlements p WHERE p.code = e.code),
                       (SELECT count(*) FROM license.license_entitlements l WHERE l.code = e.code)
                FROM license.entitlements e ORDER BY e.code""").getResultList();
        List<PolicyResponses.EntitlementView> views = new ArrayList<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            views.add(new PolicyResponses.EntitlementView((String) columns[0], ((Number) columns[1]).longValue(),
                    ((Number) columns[2]).longValue()));
        }
        return views;
    }

    @Transactional
    PolicyResponses.EntitlementView create(String code, UUID actorId) {
        if (!PolicyRequests.isEntitlementCode(code)) {
            throw PolicyRequests.unprocessable(List.of(new Problem.FieldError("code", "must be 1 to 64 characters a-z, 0-9 or -")));
        }
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO license.entitlements (code, created_at) VALUES (:code, :now) ON CONFLICT DO NOTHING""")
                .setParameter("code", code).setParameter("now", clock.now()).executeUpdate();
        if (inserted == 0) {
            throw ProblemException.conflict("entitlement-exists", "The catalogue already has this entitlement");
        }
        changed.fire(new EntitlementChanged("created", List.of(code), null, actorId));
        return new PolicyResponses.EntitlementView(code, 0, 0);
    }

    @Transactional
    void delete(String code, UUID actorId) {
        EntitlementEntity entitlement = EntitlementEntity.findById(code, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (entitlement == null) {
            throw ProblemException.notFound("The entitlement");
        }
        Object uses = entityManager.createNativeQuery("""
                        SELECT (SELECT count(*) FROM license.policy_entitlements WHERE code = :code)
                             + (SELECT count(*) FROM license.license_entitlements WHERE code = :code)""")
                .setParameter("code", code).getSingleResult();
        if (((Number) uses).longValue() > 0) {
            throw ProblemException.conflict("entitlement-in-use", "The entitlement is attached to " + uses
                    + " policy(ies) or license(s); remove it from them first");
        }
        entitlement.delete();
        changed.fire(new EntitlementChanged("deleted", List.of(code), null, actorId));
    }

    /** Sets the codes granted to one license; the next validation sees them. */
    @Transactional
    LicenseTerms grant(UUID licenseId, Set<String> codes, UUID actorId) {
        requireKnown(codes);
        // the license's row lock: two grants to one license apply one after the other
        if (entityManager.createNativeQuery("SELECT id FROM license.licenses WHERE id = :license FOR UPDATE")
                .setParameter("license", licenseId).getResultList().isEmpty()) {
            throw ProblemException.notFound("The license");
        }
        entityManager.createNativeQuery("DELETE FROM license.license_entitlements WHERE license_id = :license")
                .setParameter("license", licenseId).executeUpdate();
        for (String code : codes) {
            entityManager.createNativeQuery("INSERT INTO license.license_entitlements (license_id, code) VALUES (:license, :code)")
                    .setParameter("license", licenseId).setParameter("code", code).executeUpdate();
        }
        changed.fire(new EntitlementChanged("granted", List.copyOf(new TreeSet<>(codes)), licenseId, actorId));
        return termsOf(licenseId).orElseThrow();
    }

    /** 422 unless every code is in the catalogue (the answer does not repeat the codes). */
    static void requireKnown(Collection<String> codes) {
        if (!codes.isEmpty() && EntitlementEntity.count("code in ?1", codes) != codes.size()) {
            throw new ProblemException(Problem.of(422, "unknown-entitlement", "Unprocessable Content",
                    "An entitlement is not in the catalogue; add it first (POST /api/v1/admin/entitlements)")
                    .withErrors(List.of(new Problem.FieldError("entitlements", "must be codes of the catalogue"))));
        }
    }
}
