package io.hybridlicense.license.lifecycle;

import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.LicenseView;
import io.hybridlicense.license.domain.Actor;
import io.hybridlicense.license.store.LicenseEntity;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An admin's status changes for many licenses (at most {@link AdminLicenseResource#MAX_BATCH}, whoever
 * calls), all or nothing: the rows are locked in id order (so two
 * batches cannot deadlock), every item is checked and applied in request order, and the first failing
 * item rolls everything back with 409 (unknown license, refused transition) or 412 (stale version).
 */
@ApplicationScoped
class BatchStatusUpdate {

    record Item(UUID licenseId, LicenseStatus status, Long expectedVersion) {
    }

    private final ChangeLicenseStatus changes;

    BatchStatusUpdate(ChangeLicenseStatus changes) {
        this.changes = changes;
    }

    @Transactional
    List<LicenseView> apply(List<Item> items, UUID adminId) {
        requireSize(items);
        requireDistinct(items);
        List<UUID> ids = items.stream().map(Item::licenseId).sorted().toList();
        Map<UUID, LicenseEntity> rows = LicenseEntity.<LicenseEntity>find("id in ?1 order by id", ids)
                .withLock(LockModeType.PESSIMISTIC_WRITE).stream()
                .collect(Collectors.toMap(row -> row.id, Function.identity()));
        List<LicenseView> results = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            Item item = items.get(index);
            LicenseEntity row = rows.get(item.licenseId());
            if (row == null) {
                throw itemFailed(409, "batch-item-failed", index, item, "no such license");
            }
            if (item.expectedVersion() != null && item.expectedVersion() != row.version) {
                throw itemFailed(412, "precondition-failed", index, item,
                        "version " + item.expectedVersion() + " expected, current is " + row.version);
            }
            try {
                results.add(changes.apply(row, item.status(), Actor.ADMIN, adminId));
            } catch (ProblemException refused) {
                throw itemFailed(refused.problem().status(), refused.problem().status() == 412 ? "precondition-failed"
                        : "batch-item-failed", index, item, refused.problem().detail());
            }
        }
        return results;
    }

    /** Here, not only in the REST resource: the facade's callers (the admin console's form) send lists too. */
    private static void requireSize(List<Item> items) {
        if (items.isEmpty() || items.size() > AdminLicenseResource.MAX_BATCH) {
            throw ProblemException.badRequest("invalid-request",
                    "A batch holds 1 to " + AdminLicenseResource.MAX_BATCH + " items, not " + items.size());
        }
    }

    private static void requireDistinct(List<Item> items) {
        Set<UUID> seen = new HashSet<>();
        for (int index = 0; index < items.size(); index++) {
            if (!seen.add(items.get(index).licenseId())) {
                throw new ProblemException(Problem.of(400, "invalid-request", "Bad Request",
                        "Item " + index + " repeats a license id").withErrors(List.of(
                        new Problem.FieldError("[" + index + "].licenseId", "appears more than once"))));
            }
        }
    }

    private static ProblemException itemFailed(int status, String slug, int index, Item item, String reason) {
        String title = status == 412 ? "Precondition Failed" : "Conflict";
        return new ProblemException(Problem.of(status, slug, title,
                "Item " + index + " (license " + item.licenseId() + "): " + reason + "; nothing was changed")
                .withErrors(List.of(new Problem.FieldError("[" + index + "]", reason))));
    }
}
