package io.hybridlicense.schemasync.api;

import java.util.List;
import java.util.UUID;

/**
 * A drift check found a table of the user's database differing from its model, and recorded it (news
 * only: the same drift found again is not published again). Published in the transaction that records it.
 *
 * @param ownerId the data source's owner (the user id as text)
 * @param actorId who checked: a user, or {@code system} for the scheduled check
 */
public record DriftDetected(UUID tableId, UUID datasourceId, String ownerId, List<DriftView> drift, String actorId) {
}
